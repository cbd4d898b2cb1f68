package io.jifen.points.plugin;

import io.jifen.tenancy.TenantId;
import io.jifen.web.ApiException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The plugins' key-value state, per tenant and plugin; compare-and-set checked by the database at write time. */
@Repository
class StateStore {

    private final JdbcTemplate jdbc;

    StateStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<String> get(TenantId tenant, String pluginId, String key) {
        return jdbc.queryForList("select value from plugin_state where tenant_id = ? and plugin_id = ? and key = ?",
                String.class, tenant.value(), pluginId, key).stream().findFirst();
    }

    /** Applies a call's writes in the caller's transaction; a lost compare-and-set fails the whole event (409). */
    void apply(TenantId tenant, String pluginId, List<ChannelState.Write> writes) {
        for (ChannelState.Write write : writes) {
            int changed;
            if (write.expected() == null) {
                changed = jdbc.update("""
                        insert into plugin_state (tenant_id, plugin_id, key, value) values (?, ?, ?, ?)
                        on conflict (tenant_id, plugin_id, key) do update set value = excluded.value,
                                                                             updated_at = now()""",
                        tenant.value(), pluginId, write.key(), write.value());
            } else if (write.expected().isEmpty()) {
                changed = jdbc.update("""
                        insert into plugin_state (tenant_id, plugin_id, key, value) values (?, ?, ?, ?)
                        on conflict do nothing""", tenant.value(), pluginId, write.key(), write.value());
            } else {
                changed = jdbc.update("""
                        update plugin_state set value = ?, updated_at = now()
                        where tenant_id = ? and plugin_id = ? and key = ? and value = ?""",
                        write.value(), tenant.value(), pluginId, write.key(), write.expected().get());
            }
            if (changed != 1) {
                throw ApiException.conflict("channel_state_conflict", "Another event changed this channel's state"
                        + " at the same time; nothing was awarded, retry");
            }
        }
    }
}
