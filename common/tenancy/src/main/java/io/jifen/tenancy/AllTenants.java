package io.jifen.tenancy;

import java.util.function.Supplier;

/**
 * Marks work that must read or write across tenants: a job finding which tenants have due work, a migration.
 * PostgreSQL's row security (docs/adr/0019) shows a connection taken inside it the rows of every tenant; outside it
 * and outside any {@link TenantContext}, a connection sees no tenant's rows. A {@link TenantContext} set inside
 * it wins: the tenant's own work still sees only that tenant.
 */
public final class AllTenants {

    private static final ThreadLocal<Boolean> ACTIVE = new ThreadLocal<>();

    private AllTenants() {
    }

    public static <T> T call(Supplier<T> work) {
        Boolean previous = ACTIVE.get();
        ACTIVE.set(Boolean.TRUE);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                ACTIVE.remove();
            }
        }
    }

    public static void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    static boolean active() {
        return ACTIVE.get() != null;
    }
}
