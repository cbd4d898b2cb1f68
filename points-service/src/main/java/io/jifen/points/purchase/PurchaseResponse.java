package io.jifen.points.purchase;

import io.jifen.points.rules.Award;
import java.util.List;

/**
 * The points a purchase earned (one award per rule that contributed), and the member's balance right after.
 * {@code pointsPending} of them wait for the return window and {@code pointsHeld} for a review (velocity guard);
 * neither is in the balance yet.
 */
record PurchaseResponse(String orderId, long pointsAwarded, List<Award> awards, long balance, long pointsPending,
        long pointsHeld) {
}
