package io.jifen.points.rules;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What rules know of a purchase.
 *
 * @param items         may be empty: then spend rules see the whole amount and item multipliers find nothing
 * @param tierCode      the member's tier, {@code null} when unknown
 * @param firstPurchase whether the member has no recorded purchase before this one
 */
public record PurchaseFacts(BigDecimal amount, List<PurchaseLine> items, String tierCode, Instant at,
        boolean firstPurchase) {

    public PurchaseFacts {
        items = items == null ? List.of() : List.copyOf(items);
    }

    long amountCents() {
        return amount.movePointRight(2).longValueExact();
    }
}
