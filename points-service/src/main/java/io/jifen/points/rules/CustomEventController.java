package io.jifen.points.rules;

import io.jifen.points.idempotency.IdempotentRequests;
import io.jifen.points.idempotency.IdempotentRequests.Reply;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Custom events from the merchant's backend (a review written, an app opened …), paid by event rules. */
@RestController
@PreAuthorize("hasAnyRole('tenant-admin', 'tenant-staff')")
class CustomEventController {

    private final IdempotentRequests idempotent;
    private final CustomEvents events;

    CustomEventController(IdempotentRequests idempotent, CustomEvents events) {
        this.idempotent = idempotent;
        this.events = events;
    }

    /** 201 with the points awarded; 200 with the first result when the event id was already recorded. */
    @PostMapping("/api/v1/events")
    ResponseEntity<String> record(@RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
            @Valid @RequestBody CustomEventRequest request) {
        return idempotent.run(key, "POST /api/v1/events", request, () -> {
            CustomEvents.Recorded recorded = events.record(request);
            return Reply.of(recorded.created(), recorded.response());
        });
    }
}
