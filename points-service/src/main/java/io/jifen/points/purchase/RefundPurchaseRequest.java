package io.jifen.points.purchase;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/** {@code POST /api/v1/purchases/{orderId}/refunds}: the refunded amount of one refund. */
record RefundPurchaseRequest(
        @NotBlank @Size(max = 128) @Pattern(regexp = "[\\x21-\\x7e]+", message = "must be printable ASCII")
        String refundId,
        @NotNull @DecimalMin(value = "0.00", inclusive = false) @DecimalMax(RecordPurchaseRequest.MAX_AMOUNT)
        @Digits(integer = 10, fraction = 2) BigDecimal amount) {
}
