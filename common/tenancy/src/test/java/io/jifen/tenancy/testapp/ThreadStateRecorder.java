package io.jifen.tenancy.testapp;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.core.task.TaskDecorator;

/** Records the state a thread is in when a request or a task starts on it, before any tenancy code runs. */
public class ThreadStateRecorder {

    private final List<ThreadState> requestEntries = new CopyOnWriteArrayList<>();
    private final List<ThreadState> taskEntries = new CopyOnWriteArrayList<>();

    public List<ThreadState> requestEntries() {
        return List.copyOf(requestEntries);
    }

    public List<ThreadState> taskEntries() {
        return List.copyOf(taskEntries);
    }

    public void reset() {
        requestEntries.clear();
        taskEntries.clear();
    }

    record RequestEntry(ThreadStateRecorder recorder) implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            recorder.requestEntries.add(ThreadState.now());
            chain.doFilter(request, response);
        }
    }

    record TaskEntry(ThreadStateRecorder recorder) implements TaskDecorator {
        @Override
        public Runnable decorate(Runnable task) {
            return () -> {
                recorder.taskEntries.add(ThreadState.now());
                task.run();
            };
        }
    }
}
