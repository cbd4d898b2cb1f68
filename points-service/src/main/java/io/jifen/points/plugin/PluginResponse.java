package io.jifen.points.plugin;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * An installed plugin and its channels.
 *
 * @param builtIn true for {@code jifen-core}, Jifen's own channels: always enabled, never removed, not an uploaded jar
 */
record PluginResponse(String pluginId, String version, String requires, String description, String provider,
        boolean enabled, List<ChannelView> channels, boolean builtIn) {

    record ChannelView(String channelId, String displayName, String description, JsonNode configSchema) {
    }
}
