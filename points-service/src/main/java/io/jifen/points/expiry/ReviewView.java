package io.jifen.points.expiry;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.UUID;

/**
 * One held earn: {@code points} still held while open (a refund may have cancelled some), what was decided after.
 *
 * @param cause    {@code daily-cap} or {@code above-threshold}
 * @param status   {@code open}, {@code approved}, {@code rejected} or {@code cancelled} (refunded while held)
 * @param sourceId the order (or other source) that earned the points
 */
record ReviewView(UUID id, UUID memberId, long points, String cause, String status, String sourceId,
        Instant createdAt, String decidedBy, String decisionReason, Instant decidedAt, @JsonIgnore UUID lotId) {
}
