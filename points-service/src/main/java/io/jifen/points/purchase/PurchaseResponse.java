package io.jifen.points.purchase;

import io.jifen.points.rules.Award;
import java.util.List;

/** The points a purchase earned (one award per rule that contributed), and the member's balance right after. */
record PurchaseResponse(String orderId, long pointsAwarded, List<Award> awards, long balance) {
}
