package io.jifen.points.purchase;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code POST /api/v1/purchases/{orderId}/refunds}: one refund, by exactly one of the refunded {@code amount} or the
 * {@code items} given back (worth what the purchase's lines say they cost).
 */
record RefundPurchaseRequest(
        @NotBlank @Size(max = 128) @Pattern(regexp = "[\\x21-\\x7e]+", message = "must be printable ASCII")
        String refundId,
        @DecimalMin(value = "0.00", inclusive = false) @DecimalMax(RecordPurchaseRequest.MAX_AMOUNT)
        @Digits(integer = 10, fraction = 2) BigDecimal amount,
        @Size(min = 1, max = 500) List<@NotNull @Valid RefundItem> items) {

    @AssertTrue(message = "name the refund by exactly one of amount, items")
    boolean isAmountOrItems() {
        return (amount != null) != (items != null);
    }

    /** The items' quantities by SKU, summed, in SKU order (null for an amount refund). */
    Map<String, Long> quantities() {
        if (items == null) {
            return null;
        }
        Map<String, Long> quantities = new TreeMap<>();
        items.forEach(item -> quantities.merge(item.sku(), item.quantity(), Long::sum));
        return quantities;
    }
}
