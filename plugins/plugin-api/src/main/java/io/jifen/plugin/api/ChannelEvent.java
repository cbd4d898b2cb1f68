package io.jifen.plugin.api;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One thing that happened to a member, sent to a channel. Attributes are JSON-like values (String, Number,
 * Boolean, List, Map) copied by the host, so a plugin can neither see nor change the host's own objects.
 */
public record ChannelEvent(String eventId, String memberId, Instant occurredAt, Map<String, Object> attributes) {

    public ChannelEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
