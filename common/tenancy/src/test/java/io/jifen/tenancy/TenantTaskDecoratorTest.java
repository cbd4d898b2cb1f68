package io.jifen.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class TenantTaskDecoratorTest {

    private final ExecutorService worker = Executors.newSingleThreadExecutor();
    private final TenantId tenant = new TenantId(UUID.randomUUID());

    @AfterEach
    void stopWorker() throws InterruptedException {
        worker.shutdownNow();
        worker.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldRunAWrappedCallableAsTheSubmittingTenantAndLeaveTheWorkerClean() throws Exception {
        MDC.put("requestId", "req-1");
        try {
            Observed seen = TenantContext.callAs(tenant,
                    () -> worker.submit(TenantTaskDecorator.propagate(Observed::now)).get(10, TimeUnit.SECONDS));

            assertThat(seen.tenant()).contains(tenant);
            assertThat(seen.mdc()).containsEntry("requestId", "req-1").containsEntry("tenantId", tenant.toString());
        } finally {
            MDC.clear();
        }
        assertThat(worker.submit(Observed::now).get(10, TimeUnit.SECONDS)).isEqualTo(Observed.CLEAN);
    }

    @Test
    void shouldRunAWrappedRunnableAsTheSubmittingTenantEvenWhenItFails() throws Exception {
        CompletableFuture<Optional<TenantId>> seen = new CompletableFuture<>();
        TenantContext.runAs(tenant, () -> worker.submit(TenantTaskDecorator.propagate((Runnable) () -> {
            seen.complete(TenantContext.current());
            throw new IllegalStateException("task failed");
        })));

        assertThat(seen.get(10, TimeUnit.SECONDS)).contains(tenant);
        assertThat(worker.submit(Observed::now).get(10, TimeUnit.SECONDS)).isEqualTo(Observed.CLEAN);
    }

    @Test
    void shouldRunATaskSubmittedWithoutATenantWithoutOneAndRestoreTheWorkersOwnContext() throws Exception {
        TenantId workersOwn = new TenantId(UUID.randomUUID());
        Runnable decorated = new TenantTaskDecorator().decorate(() -> assertThat(TenantContext.current()).isEmpty());
        Optional<TenantId> after = worker.submit(() -> TenantContext.callAs(workersOwn, () -> {
            decorated.run();
            return TenantContext.current();
        })).get(10, TimeUnit.SECONDS);

        assertThat(after).contains(workersOwn);
    }

    record Observed(Optional<TenantId> tenant, Map<String, String> mdc) {

        static final Observed CLEAN = new Observed(Optional.empty(), Map.of());

        static Observed now() {
            Map<String, String> mdc = MDC.getCopyOfContextMap();
            return new Observed(TenantContext.current(), mdc == null ? Map.of() : mdc);
        }
    }
}
