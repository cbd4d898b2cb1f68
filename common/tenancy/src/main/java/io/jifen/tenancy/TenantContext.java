package io.jifen.tenancy;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * The tenant the current thread works for. Set from the validated token by the request filter (and by event
 * consumers from the event's envelope), always cleared in {@code finally}, so a pooled thread never carries a
 * tenant from one unit of work into the next. The SLF4J MDC key {@value #MDC_KEY} follows it, so every log line
 * written for a tenant names it.
 */
public final class TenantContext {

    /** The MDC key holding the current tenant id (the log pattern prints {@code %X{tenantId}}). */
    public static final String MDC_KEY = "tenantId";

    private static final ThreadLocal<TenantId> CURRENT = new ThreadLocal<>();

    private TenantContext() {
    }

    public static Optional<TenantId> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** The current tenant; fails loudly when code that must be tenant-scoped runs without one. */
    public static TenantId require() {
        TenantId tenant = CURRENT.get();
        if (tenant == null) {
            throw new MissingTenantException();
        }
        return tenant;
    }

    /** Runs {@code work} as {@code tenant}, restoring whatever was there before (usually nothing). */
    public static <T> T callAs(TenantId tenant, Callable<T> work) throws Exception {
        TenantId previous = replace(Objects.requireNonNull(tenant, "tenant"));
        try {
            return work.call();
        } finally {
            replace(previous);
        }
    }

    /** {@link #callAs} for work that throws no checked exception. */
    public static <T> T supplyAs(TenantId tenant, Supplier<T> work) {
        TenantId previous = replace(Objects.requireNonNull(tenant, "tenant"));
        try {
            return work.get();
        } finally {
            replace(previous);
        }
    }

    public static void runAs(TenantId tenant, Runnable work) {
        TenantId previous = replace(Objects.requireNonNull(tenant, "tenant"));
        try {
            work.run();
        } finally {
            replace(previous);
        }
    }

    /**
     * Makes {@code next} the current tenant ({@code null}: none) and returns the one it replaces, keeping the MDC
     * in step. The primitive under the filter and the task decorator, which must also be able to clear.
     */
    static TenantId replace(TenantId next) {
        TenantId previous = CURRENT.get();
        if (next == null) {
            CURRENT.remove();
            MDC.remove(MDC_KEY);
        } else {
            CURRENT.set(next);
            MDC.put(MDC_KEY, next.toString());
        }
        return previous;
    }

    /**
     * Thrown when tenant-scoped code runs outside any tenant. In a request it means the token carries no tenant
     * (a platform admin or a public call reaching tenant data): the web layer answers 403 {@code tenant_required}.
     * Anywhere else it is a bug.
     */
    public static final class MissingTenantException extends IllegalStateException {
        MissingTenantException() {
            super("No tenant in context: tenant-scoped work must run inside a request or TenantContext.runAs");
        }
    }
}
