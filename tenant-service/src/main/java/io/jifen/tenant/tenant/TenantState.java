package io.jifen.tenant.tenant;

import io.jifen.tenant.plan.Plan;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Redis state hash of a tenant, field for field as docs/adr/0005 defines it. {@code updatedAt} has a fixed
 * width (microseconds, UTC) so that two versions compare as strings: the publisher never overwrites a newer one.
 */
public record TenantState(String status, String plan, int rps, int burst, Long maxMembers, Integer maxPlugins,
        Instant updatedAt) {

    static final DateTimeFormatter UPDATED_AT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSX").withZone(ZoneOffset.UTC);

    public static TenantState of(Tenant tenant, Plan plan) {
        return new TenantState(tenant.getStatus().code(), plan.getCode(), plan.getRps(), plan.getBurst(),
                plan.getMaxMembers(), plan.getMaxPlugins(), tenant.getUpdatedAt());
    }

    /** The hash fields; an unlimited quota is the empty string. {@code updatedAt} comes last (the script relies on it). */
    public Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("status", status);
        fields.put("plan", plan);
        fields.put("rps", Integer.toString(rps));
        fields.put("burst", Integer.toString(burst));
        fields.put("maxMembers", maxMembers == null ? "" : maxMembers.toString());
        fields.put("maxPlugins", maxPlugins == null ? "" : maxPlugins.toString());
        fields.put("updatedAt", UPDATED_AT.format(updatedAt));
        return fields;
    }
}
