package io.jifen.member.purchase;

import io.jifen.events.EventConsumer;
import io.jifen.events.EventEnvelope;
import io.jifen.member.tier.GrowthLedger;
import io.jifen.member.tier.TierStanding;
import io.jifen.member.tier.TierUpgrades;
import io.jifen.tenancy.TenantId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Purchases and refunds recorded by points-service become growth value (which may raise the member's tier at once)
 * and purchase statistics. The growth entry's key (order or refund id) absorbs a redelivered event and the same
 * purchase announced twice, and the statistics move only when that entry is new, so common/events claims nothing
 * for this group ({@link #idempotentByItself}). The member is
 * read as a {@link TierStanding} (one row, no entity): this runs for every purchase of every tenant. A run of events
 * read together is applied in a few statements for the whole run ({@link #handleAll}).
 */
@Component
class PurchaseEventConsumer extends EventConsumer {

    private static final Logger log = LoggerFactory.getLogger(PurchaseEventConsumer.class);

    private final GrowthLedger growth;
    private final PurchaseStatsRepository stats;
    private final TierUpgrades tiers;

    PurchaseEventConsumer(GrowthLedger growth, PurchaseStatsRepository stats, TierUpgrades tiers,
            @Value("${jifen.member.purchase-stream}") String stream) {
        super("member.purchase-events", List.of(stream),
                Set.of("purchase.recorded", "purchase.refunded"));
        this.growth = growth;
        this.stats = stats;
        this.tiers = tiers;
    }

    /**
     * A purchase or refund counts once by its growth entry's key (order or refund id), and the statistics and tier
     * move only when that entry is new: claiming each event in {@code processed_event} as well would add a row per
     * purchase that guarantees nothing more.
     */
    @Override
    protected boolean idempotentByItself() {
        return true;
    }

    @Override
    protected void handle(EventEnvelope event) {
        TenantId tenant = event.tenant().orElseThrow(() -> new IllegalArgumentException("A purchase has a tenant"));
        Optional<TierStanding> member = tiers.standing(tenant, memberId(event));
        if (member.isEmpty()) {
            warnUnknown(event);
            return;
        }
        GrowthLedger.Entry entry = entry(event, member.get().memberId());
        if (!growth.record(tenant, entry.memberId(), entry.source(), entry.sourceRef(), entry.amount(),
                entry.occurredAt())) {
            return;
        }
        if (entry.source() == GrowthLedger.Source.PURCHASE) {
            stats.addPurchase(tenant, entry.memberId(), entry.amount(), entry.occurredAt());
            tiers.upgradeIfQualified(tenant, member.get());
        } else {
            stats.addRefund(tenant, entry.memberId(), entry.amount());
        }
    }

    /**
     * A run of one tenant's events (a bulk purchase batch arrives as hundreds) in a few statements instead of about
     * four per event: the members' standings, the growth entries with their buckets, the statistics, and one growth
     * sum for the upgrades, each one statement for the whole run; only a tier that changes costs more. The effect is
     * {@link #handle}'s on each event in order: {@link GrowthLedger#recordAll} keeps the first of a repeated key and
     * answers which entries were new, the statistics add only those, and {@link TierUpgrades#upgradeAll} replays each
     * member's purchases of the run. A malformed event throws here as it would from {@link #handle}.
     */
    @Override
    protected void handleAll(List<EventEnvelope> events, Runnable flush) {
        TenantId tenant = events.getFirst().tenant()
                .orElseThrow(() -> new IllegalArgumentException("A purchase has a tenant"));
        List<UUID> memberIds = events.stream().map(PurchaseEventConsumer::memberId).toList();
        Map<UUID, TierStanding> standings = tiers.standings(tenant, memberIds);
        List<GrowthLedger.Entry> entries = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            TierStanding member = standings.get(memberIds.get(i));
            if (member == null) {
                warnUnknown(events.get(i));
            } else {
                entries.add(entry(events.get(i), member.memberId()));
            }
        }
        List<GrowthLedger.Entry> recorded = growth.recordAll(tenant, entries);
        stats.addAll(tenant, recorded);
        tiers.upgradeAll(tenant, standings, recorded);
    }

    private static UUID memberId(EventEnvelope event) {
        return UUID.fromString(text(event.payload(), "memberId"));
    }

    private static void warnUnknown(EventEnvelope event) {
        log.warn("Ignoring {} {}: no member {} in this tenant", event.type(), event.id(),
                text(event.payload(), "memberId"));
    }

    /** A purchase is keyed by its order id and dated by its payload; a refund by its refund id and its event. */
    private static GrowthLedger.Entry entry(EventEnvelope event, UUID memberId) {
        JsonNode payload = event.payload();
        BigDecimal amount = amount(payload);
        if (event.type().equals("purchase.recorded")) {
            return new GrowthLedger.Entry(memberId, GrowthLedger.Source.PURCHASE, text(payload, "orderId"), amount,
                    occurredAt(payload.get("occurredAt"), event.occurredAt()));
        }
        return new GrowthLedger.Entry(memberId, GrowthLedger.Source.REFUND, text(payload, "refundId"), amount,
                event.occurredAt());
    }

    /** ISO-8601 as Jackson writes an Instant by default; epoch seconds if a producer's mapper writes timestamps. */
    private static Instant occurredAt(JsonNode value, Instant fallback) {
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (value.isNumber()) {
            BigDecimal seconds = value.decimalValue();
            return Instant.ofEpochSecond(seconds.longValue(),
                    seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
        }
        return Instant.parse(value.asString());
    }

    private static BigDecimal amount(JsonNode payload) {
        BigDecimal amount = new BigDecimal(text(payload, "amount"));
        if (amount.signum() <= 0 || amount.scale() > 4 || amount.precision() - amount.scale() > 15) {
            throw new IllegalArgumentException("Amount must be positive with at most 4 decimals, not " + amount);
        }
        return amount;
    }

    private static String text(JsonNode payload, String field) {
        JsonNode value = payload.get(field);
        if (value == null || value.isNull() || value.isContainer()) {
            throw new IllegalArgumentException("The payload has no '" + field + "'");
        }
        return value.asString();
    }
}
