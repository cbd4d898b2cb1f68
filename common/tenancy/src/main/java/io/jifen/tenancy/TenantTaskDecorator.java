package io.jifen.tenancy;

import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.task.TaskDecorator;

/**
 * Carries the submitting thread's tenant and MDC (request id, tenant id) into asynchronous work, and leaves the
 * worker thread exactly as it found it afterwards. Auto-configured as a bean, so Boot's
 * {@code applicationTaskExecutor} ({@code @Async}, MVC async, pooled or virtual threads) applies it; for an
 * executor of your own, wrap tasks with {@link #propagate(Runnable)} / {@link #propagate(Callable)} or call
 * {@code setTaskDecorator} on a Spring executor.
 * <p>
 * Ordered ({@value #ORDER}) ahead of unordered decorators, so when Boot composes several it is applied first and
 * sits innermost: whatever other decorators do around the task, the task itself runs with the tenant installed.
 */
public class TenantTaskDecorator implements TaskDecorator, Ordered {

    public static final int ORDER = 0;

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Runnable decorate(Runnable task) {
        return propagate(task);
    }

    /** {@code task}, to run with the tenant and MDC of the thread calling this method. */
    public static Runnable propagate(Runnable task) {
        Snapshot submitter = Snapshot.take();
        return () -> {
            Snapshot worker = submitter.apply();
            try {
                task.run();
            } finally {
                worker.apply();
            }
        };
    }

    /** {@code task}, to run with the tenant and MDC of the thread calling this method. */
    public static <T> Callable<T> propagate(Callable<T> task) {
        Snapshot submitter = Snapshot.take();
        return () -> {
            Snapshot worker = submitter.apply();
            try {
                return task.call();
            } finally {
                worker.apply();
            }
        };
    }

    /** A thread's tenant and MDC. {@link #apply()} installs it and returns what it replaced, to restore later. */
    private record Snapshot(TenantId tenant, Map<String, String> mdc) {

        static Snapshot take() {
            return new Snapshot(TenantContext.current().orElse(null), MDC.getCopyOfContextMap());
        }

        Snapshot apply() {
            Map<String, String> replacedMdc = MDC.getCopyOfContextMap();
            if (mdc == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(mdc);
            }
            TenantId replacedTenant = TenantContext.replace(tenant); // after the MDC: it owns the tenantId key
            return new Snapshot(replacedTenant, replacedMdc);
        }
    }
}
