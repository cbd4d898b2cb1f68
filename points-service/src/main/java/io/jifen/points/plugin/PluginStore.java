package io.jifen.points.plugin;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The installed plugins and their channels (platform-wide tables, V8). */
@Repository
class PluginStore {

    private final JdbcTemplate jdbc;

    PluginStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record StoredPlugin(String pluginId, String version, String requires, String description, String provider,
            boolean enabled, String uploadedBy) {
    }

    List<String> pluginIds() {
        return jdbc.queryForList("select plugin_id from plugin order by plugin_id", String.class);
    }

    Optional<byte[]> jar(String pluginId) {
        return jdbc.query("select jar from plugin where plugin_id = ?", (row, i) -> row.getBytes(1), pluginId)
                .stream().findFirst();
    }

    boolean exists(String pluginId) {
        return !jdbc.queryForList("select 1 from plugin where plugin_id = ?", Integer.class, pluginId).isEmpty();
    }

    /** The channel ids among {@code channelIds} that some installed plugin already provides. */
    List<String> channelsTaken(List<String> channelIds) {
        return jdbc.queryForList("select channel_id from plugin_channel where channel_id = any (?)", String.class,
                (Object) channelIds.toArray(String[]::new));
    }

    @Transactional
    void insert(PluginJar jar, List<ChannelInfo> channels, String uploadedBy) {
        jdbc.update("""
                insert into plugin (plugin_id, version, requires, description, provider, jar, sha256, uploaded_by)
                values (?, ?, ?, ?, ?, ?, ?, ?)""", jar.pluginId(), jar.version(), jar.requires(), jar.description(),
                jar.provider(), jar.bytes(), jar.sha256(), uploadedBy);
        for (ChannelInfo channel : channels) {
            jdbc.update("""
                    insert into plugin_channel (channel_id, plugin_id, display_name, description, config_schema)
                    values (?, ?, ?, ?, ?)""", channel.channelId(), jar.pluginId(), channel.displayName(),
                    channel.description(), channel.configSchema());
        }
    }

    List<StoredPlugin> plugins() {
        return jdbc.query("""
                select plugin_id, version, requires, description, provider, enabled, uploaded_by
                from plugin order by plugin_id""", (row, i) -> new StoredPlugin(row.getString(1), row.getString(2),
                row.getString(3), row.getString(4), row.getString(5), row.getBoolean(6), row.getString(7)));
    }

    Optional<StoredPlugin> plugin(String pluginId) {
        return plugins().stream().filter(plugin -> plugin.pluginId().equals(pluginId)).findFirst();
    }

    /** Channels of every plugin (or of one, when {@code pluginId} is not null), in id order. */
    List<StoredChannel> channels(String pluginId) {
        return jdbc.query("""
                select c.plugin_id, c.channel_id, c.display_name, c.description, c.config_schema, p.enabled
                from plugin_channel c join plugin p on p.plugin_id = c.plugin_id
                where ?::text is null or c.plugin_id = ?
                order by c.plugin_id, c.channel_id""", (row, i) -> new StoredChannel(row.getString(1),
                new ChannelInfo(row.getString(2), row.getString(3), row.getString(4), row.getString(5)),
                row.getBoolean(6)), pluginId, pluginId);
    }

    record StoredChannel(String pluginId, ChannelInfo info, boolean pluginEnabled) {
    }

    boolean setEnabled(String pluginId, boolean enabled) {
        return jdbc.update("update plugin set enabled = ? where plugin_id = ?", enabled, pluginId) == 1;
    }

    /** Removes the plugin, its channels and every tenant's enablement and state; ledger entries keep its id. */
    @Transactional
    boolean delete(String pluginId) {
        jdbc.update("delete from plugin_state where plugin_id = ?", pluginId);
        return jdbc.update("delete from plugin where plugin_id = ?", pluginId) == 1;
    }
}
