package io.jifen.points.plugin;

import io.jifen.points.idempotency.IdempotentRequests;
import io.jifen.points.idempotency.IdempotentRequests.Reply;
import io.jifen.web.ApiException;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Events sent to a tenant's channel. They move points, so they are idempotent: by the {@code Idempotency-Key}
 * header, or, without one, by the channel and {@code eventId} (a retried event replays the first answer).
 */
@RestController
@PreAuthorize("hasAnyRole('tenant-admin', 'tenant-staff', 'integrator')")
class ChannelEventController {

    private final IdempotentRequests idempotent;
    private final ChannelEventService events;

    ChannelEventController(IdempotentRequests idempotent, ChannelEventService events) {
        this.idempotent = idempotent;
        this.events = events;
    }

    @PostMapping("/api/v1/channels/{channelId}/events")
    ResponseEntity<String> record(@PathVariable String channelId,
            @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
            @Valid @RequestBody RecordChannelEventRequest request) {
        if (!PluginJar.ID.matcher(channelId).matches()) {
            throw new ApiException(HttpStatus.NOT_FOUND, "channel_not_found", "There is no channel " + channelId);
        }
        String operation = "POST /api/v1/channels/" + channelId + "/events";
        String effectiveKey = key != null ? key : "channel-event:" + channelId + ":" + request.eventId();
        return idempotent.run(effectiveKey, operation, request,
                () -> new Reply(HttpStatus.CREATED, events.record(channelId, request)));
    }
}
