package io.jifen.points.plugin;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /api/v1/channels/{channelId}/events}. The event id is unique per channel and tenant, and doubles as
 * the idempotency key when the caller sends none, so it is printable ASCII.
 */
record RecordChannelEventRequest(
        @NotNull UUID memberId,
        @NotNull @Pattern(regexp = "[\\x21-\\x7E]{1,150}", message = "must be 1-150 printable ASCII characters")
        String eventId,
        @Size(max = 50) Map<String, Object> attributes) {
}
