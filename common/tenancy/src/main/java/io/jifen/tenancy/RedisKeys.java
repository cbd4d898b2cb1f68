package io.jifen.tenancy;

import java.util.Objects;

/**
 * Builds Redis keys that belong to one tenant: {@code t:{<tenantId>}:part1:part2}. The braces make the tenant id
 * the Redis Cluster hash tag, so all of a tenant's keys share a slot (multi-key commands and Lua scripts work on
 * them) while tenants spread over the cluster.
 */
public final class RedisKeys {

    private RedisKeys() {
    }

    /** E.g. {@code forTenant(tenant, "ratelimit", "api")} → {@code t:{2f0c…}:ratelimit:api}. */
    public static String forTenant(TenantId tenant, String... parts) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(parts, "parts");
        if (parts.length == 0) {
            throw new IllegalArgumentException("A tenant key needs at least one part after the tenant");
        }
        StringBuilder key = new StringBuilder(prefix(tenant));
        for (int i = 0; i < parts.length; i++) {
            key.append(validPart(parts[i], i));
            if (i < parts.length - 1) {
                key.append(':');
            }
        }
        return key.toString();
    }

    /** {@link #forTenant} for the tenant of the current {@link TenantContext} (which must have one). */
    public static String forCurrentTenant(String... parts) {
        return forTenant(TenantContext.require(), parts);
    }

    /** {@code t:{<tenantId>}:}, the start of every key of the tenant (e.g. for {@code SCAN MATCH prefix*}). */
    public static String prefix(TenantId tenant) {
        return "t:{" + Objects.requireNonNull(tenant, "tenant") + "}:";
    }

    private static String validPart(String part, int index) {
        if (part == null || part.isEmpty()) {
            throw new IllegalArgumentException("Key part " + index + " is empty");
        }
        // Redis hashes only the first {…}, so a brace here would not move the key; refused anyway so the tenant's
        // pair stays the only one and every key reads (and parses back) unambiguously.
        if (part.indexOf('{') >= 0 || part.indexOf('}') >= 0) {
            throw new IllegalArgumentException("Key part " + index + " contains a brace: '" + part + "'");
        }
        return part;
    }
}
