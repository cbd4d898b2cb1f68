package io.jifen.events;

import io.jifen.tenancy.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * One domain event as it travels: stored in the outbox, carried field by field in a stream entry, handed to a
 * consumer.
 *
 * @param id         unique per event, also the consumers' idempotency key
 * @param type       past tense, {@code <aggregate>.<verb-ed>}: {@code member.registered}, {@code points.earned}
 * @param tenantId   the tenant the event belongs to; {@code null} for a global event (a plan changed, say)
 * @param occurredAt when the producing transaction wrote it (microsecond precision, as PostgreSQL keeps it)
 * @param version    the version of the payload's shape for this type, starting at 1
 * @param payload    a JSON object
 */
public record EventEnvelope(UUID id, String type, TenantId tenantId, Instant occurredAt, int version,
        JsonNode payload) {

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("An event needs a type");
        }
        if (version < 1) {
            throw new IllegalArgumentException("An event version starts at 1, not " + version);
        }
        if (payload == null || !payload.isObject()) {
            throw new IllegalArgumentException("An event payload is a JSON object");
        }
    }

    /** The event's tenant, empty for a global event. */
    public Optional<TenantId> tenant() {
        return Optional.ofNullable(tenantId);
    }
}
