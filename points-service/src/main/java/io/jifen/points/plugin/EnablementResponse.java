package io.jifen.points.plugin;

import tools.jackson.databind.JsonNode;

/**
 * A channel as one tenant sees it: whether it is on, its config (defaults filled in) and its cap per event.
 *
 * @param builtIn a channel of {@code jifen-core}: always on, configured through the earning rules, its cap the
 *                platform's for built-ins
 */
record EnablementResponse(String pluginId, String channelId, String displayName, String description,
        boolean enabled, JsonNode config, long maxPointsPerEvent, JsonNode configSchema, boolean builtIn) {
}
