package io.jifen.points.expiry;

import io.jifen.points.idempotency.IdempotentRequests;
import io.jifen.points.idempotency.IdempotentRequests.Reply;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Earns the velocity guard held: staff see the queue, tenant admins decide (an approval moves points: keyed). */
@RestController
@Validated
@RequestMapping("/api/v1/points/reviews")
class ReviewController {

    private final EarnReviews reviews;
    private final IdempotentRequests idempotent;

    ReviewController(EarnReviews reviews, IdempotentRequests idempotent) {
        this.reviews = reviews;
        this.idempotent = idempotent;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('tenant-admin', 'tenant-staff')")
    ReviewPage list(@RequestParam(defaultValue = "open") @Pattern(regexp = "open|approved|rejected|cancelled")
            String status, @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return reviews.list(status, page, size);
    }

    @PostMapping("/{id}/approve")
    @PreAuthorize("hasRole('tenant-admin')")
    ResponseEntity<String> approve(@RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
            @PathVariable UUID id, @Validated @RequestBody DecideReviewRequest request) {
        return idempotent.run(key, "POST /api/v1/points/reviews/" + id + "/approve", request,
                () -> new Reply(HttpStatus.OK, reviews.approve(id, request.reason())));
    }

    @PostMapping("/{id}/reject")
    @PreAuthorize("hasRole('tenant-admin')")
    ResponseEntity<String> reject(@RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
            @PathVariable UUID id, @Validated @RequestBody DecideReviewRequest request) {
        return idempotent.run(key, "POST /api/v1/points/reviews/" + id + "/reject", request,
                () -> new Reply(HttpStatus.OK, reviews.reject(id, request.reason())));
    }
}
