package io.jifen.points.plugin;

import tools.jackson.databind.JsonNode;

/** A channel as one tenant sees it: whether it is on, its config (defaults filled in) and its cap per event. */
record EnablementResponse(String pluginId, String channelId, String displayName, String description,
        boolean enabled, JsonNode config, long maxPointsPerEvent, JsonNode configSchema) {
}
