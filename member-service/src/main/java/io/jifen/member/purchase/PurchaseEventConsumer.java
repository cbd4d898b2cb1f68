package io.jifen.member.purchase;

import io.jifen.events.EventConsumer;
import io.jifen.events.EventEnvelope;
import io.jifen.member.tier.GrowthLedger;
import io.jifen.member.tier.TierStanding;
import io.jifen.member.tier.TierUpgrades;
import io.jifen.tenancy.TenantId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
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
 * and purchase statistics. common/events skips a redelivered event; the growth entry's key (order or refund id)
 * also absorbs the same purchase announced twice, and the statistics move only when that entry is new. The member is
 * read as a {@link TierStanding} (one row, no entity): this runs for every purchase of every tenant.
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

    @Override
    protected void handle(EventEnvelope event) {
        TenantId tenant = event.tenant().orElseThrow(() -> new IllegalArgumentException("A purchase has a tenant"));
        JsonNode payload = event.payload();
        Optional<TierStanding> member = tiers.standing(tenant, UUID.fromString(text(payload, "memberId")));
        if (member.isEmpty()) {
            log.warn("Ignoring {} {}: no member {} in this tenant", event.type(), event.id(), text(payload, "memberId"));
            return;
        }
        BigDecimal amount = amount(payload);
        UUID memberId = member.get().memberId();
        if (event.type().equals("purchase.recorded")) {
            Instant at = occurredAt(payload.get("occurredAt"), event.occurredAt());
            if (growth.record(tenant, memberId, GrowthLedger.Source.PURCHASE, text(payload, "orderId"), amount, at)) {
                stats.addPurchase(tenant, memberId, amount, at);
                tiers.upgradeIfQualified(tenant, member.get());
            }
        } else if (growth.record(tenant, memberId, GrowthLedger.Source.REFUND, text(payload, "refundId"), amount,
                event.occurredAt())) {
            stats.addRefund(tenant, memberId, amount);
        }
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
