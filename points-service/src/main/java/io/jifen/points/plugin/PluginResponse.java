package io.jifen.points.plugin;

import java.util.List;
import tools.jackson.databind.JsonNode;

/** An installed plugin and its channels. */
record PluginResponse(String pluginId, String version, String requires, String description, String provider,
        boolean enabled, List<ChannelView> channels) {

    record ChannelView(String channelId, String displayName, String description, JsonNode configSchema) {
    }
}
