package io.jifen.points.member;

import io.jifen.events.EventConsumer;
import io.jifen.events.EventEnvelope;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** Keeps the member projection in step with member-service's events. */
@Component
class MemberEvents extends EventConsumer {

    private final MemberProjection projection;

    MemberEvents(MemberProjection projection) {
        super("points.member-events", List.of(EventConsumer.streamOf("member-service")),
                Set.of("member.registered", "member.status-changed", "card.reissued", "member.erased",
                        "tier.changed"));
        this.projection = projection;
    }

    @Override
    protected void handle(EventEnvelope event) {
        JsonNode payload = event.payload();
        UUID memberId = UUID.fromString(payload.get("memberId").asString());
        switch (event.type()) {
            case "member.registered" -> projection.upsert(new Member(memberId, text(payload, "externalId"),
                    text(payload, "cardNumber"), status(payload), text(payload, "tierCode")));
            case "member.status-changed" -> projection.changeStatus(memberId, status(payload));
            case "card.reissued" -> projection.changeCard(memberId, text(payload, "newNumber"));
            case "member.erased" -> projection.erase(memberId);
            case "tier.changed" -> projection.changeTier(memberId, text(payload, "to"));
            default -> throw new IllegalArgumentException("Unhandled event type " + event.type());
        }
    }

    private static String status(JsonNode payload) {
        String status = text(payload, "status");
        return status == null ? "active" : status.toLowerCase();
    }

    private static String text(JsonNode payload, String field) {
        return payload.hasNonNull(field) ? payload.get(field).asString() : null;
    }
}
