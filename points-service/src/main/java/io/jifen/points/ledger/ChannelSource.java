package io.jifen.points.ledger;

import java.util.Objects;

/** The plugin channel and event that proposed a credit, kept with its entry ({@code ledger_entry_channel}). */
public record ChannelSource(String pluginId, String channelId, String eventId) {

    public ChannelSource {
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(eventId, "eventId");
    }
}
