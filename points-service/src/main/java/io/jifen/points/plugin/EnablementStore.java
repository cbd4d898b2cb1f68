package io.jifen.points.plugin;

import io.jifen.tenancy.TenantId;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Which channels a tenant enabled, with what config; every statement names the tenant. */
@Repository
class EnablementStore {

    private final JdbcTemplate jdbc;

    EnablementStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Enablement(String pluginId, String channelId, boolean enabled, String config, Long maxPointsPerEvent) {
    }

    /** A channel the tenant may send events to now: enabled by it, its plugin installed and enabled. */
    record ActiveChannel(String pluginId, String sha256, String channelId, String config, String configSchema,
            Long maxPointsPerEvent) {
    }

    Optional<Enablement> find(TenantId tenant, String channelId) {
        return jdbc.query("""
                select plugin_id, channel_id, enabled, config, max_points_per_event from channel_enablement
                where tenant_id = ? and channel_id = ?""", (row, i) -> new Enablement(row.getString(1),
                row.getString(2), row.getBoolean(3), row.getString(4), (Long) row.getObject(5)),
                tenant.value(), channelId).stream().findFirst();
    }

    List<Enablement> all(TenantId tenant) {
        return jdbc.query("""
                select plugin_id, channel_id, enabled, config, max_points_per_event from channel_enablement
                where tenant_id = ?""", (row, i) -> new Enablement(row.getString(1), row.getString(2),
                row.getBoolean(3), row.getString(4), (Long) row.getObject(5)), tenant.value());
    }

    Optional<ActiveChannel> active(TenantId tenant, String channelId) {
        return jdbc.query("""
                select p.plugin_id, p.sha256, c.channel_id, e.config, c.config_schema, e.max_points_per_event
                from channel_enablement e
                join plugin_channel c on c.channel_id = e.channel_id
                join plugin p on p.plugin_id = c.plugin_id
                where e.tenant_id = ? and e.channel_id = ? and e.enabled and p.enabled""",
                (row, i) -> new ActiveChannel(row.getString(1), row.getString(2), row.getString(3),
                        row.getString(4), row.getString(5), (Long) row.getObject(6)),
                tenant.value(), channelId).stream().findFirst();
    }

    /** How many plugins other than {@code pluginId} the tenant has at least one enabled channel of. */
    int otherEnabledPlugins(TenantId tenant, String pluginId) {
        Integer count = jdbc.queryForObject("""
                select count(distinct plugin_id) from channel_enablement
                where tenant_id = ? and enabled and plugin_id <> ?""", Integer.class, tenant.value(), pluginId);
        return count == null ? 0 : count;
    }

    void save(TenantId tenant, Enablement enablement) {
        jdbc.update("""
                insert into channel_enablement (tenant_id, channel_id, plugin_id, enabled, config,
                                                max_points_per_event)
                values (?, ?, ?, ?, ?, ?)
                on conflict (tenant_id, channel_id) do update
                    set enabled = excluded.enabled, config = excluded.config,
                        max_points_per_event = excluded.max_points_per_event, updated_at = now()""",
                tenant.value(), enablement.channelId(), enablement.pluginId(), enablement.enabled(),
                enablement.config(), enablement.maxPointsPerEvent());
    }
}
