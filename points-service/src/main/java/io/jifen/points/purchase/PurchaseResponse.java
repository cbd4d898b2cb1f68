package io.jifen.points.purchase;

import java.util.List;

/**
 * The points a purchase earned, and the member's balance right after. {@code pointsPending} of them wait for the
 * return window and {@code pointsHeld} for a review (velocity guard); neither is in the balance yet.
 */
record PurchaseResponse(String orderId, long pointsAwarded, List<Award> awards, long balance, long pointsPending,
        long pointsHeld) {

    /** One rule's share of the points. */
    record Award(String rule, long points) {
    }
}
