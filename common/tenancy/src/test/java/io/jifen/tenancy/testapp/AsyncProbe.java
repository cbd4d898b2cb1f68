package io.jifen.tenancy.testapp;

import java.util.concurrent.CompletableFuture;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Service;

@Service
public class AsyncProbe {

    @Async
    public CompletableFuture<ThreadState> probe() {
        return CompletableFuture.completedFuture(ThreadState.now());
    }
}
