package io.jifen.points.purchase;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;

/**
 * What a refund reversed ({@code pointsReversed} may be below the share when the points were spent), cancelled
 * inside the return window of the purchase's still pending or held points ({@code pointsCancelled}), and gave back
 * of the points that paid part of the order ({@code paymentPointsReturned}, 0 when points paid none of it). An items
 * refund echoes its {@code items} (by SKU, quantities summed), its {@code amount} being what they are worth.
 */
record RefundResponse(String orderId, String refundId, BigDecimal amount, long pointsReversed, long balance,
        long pointsCancelled, long paymentPointsReturned,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<RefundItem> items) {
}
