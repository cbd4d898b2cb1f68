package io.jifen.points.rules;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /api/v1/events}: something a member did that the tenant's {@code custom:<type>} event rules reward.
 * {@code attributes} are kept with the event (rules do not read them yet).
 */
record CustomEventRequest(
        @NotBlank @Size(max = 64) @Pattern(regexp = "[a-z0-9][a-z0-9._-]*",
                message = "must be lower-case letters, digits, '.', '-' or '_'") String type,
        @NotNull UUID memberId,
        @NotBlank @Size(max = 128) @Pattern(regexp = "[\\x21-\\x7e]+", message = "must be printable ASCII")
        String eventId,
        @Size(max = 50) Map<@Size(max = 100) String, Object> attributes) {
}
