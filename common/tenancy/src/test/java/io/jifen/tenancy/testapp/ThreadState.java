package io.jifen.tenancy.testapp;

import io.jifen.tenancy.TenantContext;
import io.jifen.tenancy.TenantId;
import org.slf4j.MDC;

/** What a thread carries: its name, its tenant and the MDC's tenant id (null when none). */
public record ThreadState(String thread, String tenant, String mdcTenant) {

    public static ThreadState now() {
        return new ThreadState(Thread.currentThread().getName(),
                TenantContext.current().map(TenantId::toString).orElse(null), MDC.get(TenantContext.MDC_KEY));
    }

    public boolean isClean() {
        return tenant == null && mdcTenant == null;
    }
}
