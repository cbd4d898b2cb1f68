package io.jifen.points.purchase;

import java.util.List;

/** The points a purchase earned, and the member's balance right after. */
record PurchaseResponse(String orderId, long pointsAwarded, List<Award> awards, long balance) {

    /** One rule's share of the points. */
    record Award(String rule, long points) {
    }
}
