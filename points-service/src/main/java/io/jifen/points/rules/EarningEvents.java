package io.jifen.points.rules;

import io.jifen.events.EventConsumer;
import io.jifen.events.EventEnvelope;
import io.jifen.points.ledger.Ledger;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Pays event rules for member-service's events, in its own consumer group (the member projection has its own). The
 * occurrence keys make each award once per member whatever the envelope: member-service may publish the same fact
 * twice (an outbox retry after a crash gives it a new stream entry, a replay a new envelope).
 */
@Component
class EarningEvents extends EventConsumer {

    private final EventEarning earning;
    private final Ledger ledger;

    EarningEvents(EventEarning earning, Ledger ledger) {
        super("points.earning-events", List.of(EventConsumer.streamOf("member-service")),
                Set.of("member.registered", "member.profile-completed", "member.birthday"));
        this.earning = earning;
        this.ledger = ledger;
    }

    @Override
    protected void handle(EventEnvelope event) {
        JsonNode payload = event.payload();
        UUID memberId = uuid(payload, "memberId");
        switch (event.type()) {
            case "member.registered" -> registered(memberId, uuid(payload, "referrerId"), event);
            case "member.profile-completed" -> earning.award(memberId, "profile-completed", "profile-completed",
                    event.occurredAt());
            case "member.birthday" -> earning.award(memberId, "birthday", "birthday:" + birthdayYear(payload, event),
                    event.occurredAt());
            default -> throw new IllegalArgumentException("Unhandled event type " + event.type());
        }
    }

    private void registered(UUID memberId, UUID referrerId, EventEnvelope event) {
        if (referrerId == null || referrerId.equals(memberId)) {
            earning.award(memberId, "registration", "registration", event.occurredAt());
            return;
        }
        // Both accounts in one global order first: another posting on the two cannot deadlock with this one.
        ledger.lockAll(List.of(memberId, referrerId));
        earning.award(memberId, "registration", "registration", event.occurredAt());
        earning.award(memberId, "referral-referee", "referral-referee", event.occurredAt());
        earning.award(referrerId, "referral-referrer", "referral:" + memberId, event.occurredAt());
    }

    /** The year of the celebrated day ({@code date}, tenant-local), else of the event. */
    private static int birthdayYear(JsonNode payload, EventEnvelope event) {
        return payload.hasNonNull("date") ? LocalDate.parse(payload.get("date").asString()).getYear()
                : LocalDate.ofInstant(event.occurredAt(), ZoneOffset.UTC).getYear();
    }

    private static UUID uuid(JsonNode payload, String field) {
        return payload.hasNonNull(field) ? UUID.fromString(payload.get(field).asString()) : null;
    }
}
