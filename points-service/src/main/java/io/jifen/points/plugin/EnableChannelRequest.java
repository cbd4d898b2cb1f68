package io.jifen.points.plugin;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import tools.jackson.databind.JsonNode;

/**
 * {@code PUT /api/v1/plugins/{pluginId}/channels/{channelId}/enablement}: the config is checked against the
 * channel's schema; {@code maxPointsPerEvent} (optional) lowers or raises the tenant's cap for this channel.
 */
record EnableChannelRequest(
        @NotNull Boolean enabled,
        JsonNode config,
        @Min(1) @Max(100_000_000) Long maxPointsPerEvent) {
}
