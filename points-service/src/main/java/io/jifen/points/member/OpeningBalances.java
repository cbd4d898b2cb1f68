package io.jifen.points.member;

import io.jifen.events.EventConsumer;
import io.jifen.events.EventEnvelope;
import io.jifen.points.ledger.EntryKind;
import io.jifen.points.ledger.Ledger;
import io.jifen.points.ledger.Posting;
import io.jifen.points.ledger.Reason;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Credits the opening balance of a member brought in by member-service's bulk import ({@code member.imported}),
 * once per member: the event is applied once by common/events, and the credit is also skipped when the member's
 * account already has an opening-balance entry (checked under the account lock), so a second import event for the
 * same member, however it came about, cannot pay twice.
 */
@Component
class OpeningBalances extends EventConsumer {

    static final String SOURCE = "member-import";

    private final Ledger ledger;

    OpeningBalances(Ledger ledger) {
        super("points.opening-balances", List.of(EventConsumer.streamOf("member-service")), Set.of("member.imported"));
        this.ledger = ledger;
    }

    @Override
    protected void handle(EventEnvelope event) {
        JsonNode payload = event.payload();
        UUID memberId = UUID.fromString(payload.get("memberId").asString());
        JsonNode balance = payload.get("openingBalance");
        if (balance == null || !balance.isIntegralNumber() || balance.asLong() < 0) {
            throw new IllegalArgumentException("member.imported " + event.id() + " has no whole openingBalance ≥ 0");
        }
        if (balance.asLong() == 0) {
            return;
        }
        // handle() runs in the event's transaction, so the lock, the check and the credit commit together
        if (ledger.lockAndFindEntry(memberId, EntryKind.ADJUST, SOURCE).isEmpty()) {
            ledger.credit(new Posting(memberId, EntryKind.ADJUST, Reason.ADMIN, SOURCE,
                    "opening balance from the member import", null, null), balance.asLong());
        }
    }
}
