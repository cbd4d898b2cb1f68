package io.jifen.points.payment;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * {@code POST /api/v1/points/payments}: {@code points} pay part of order {@code orderId}. With {@code orderAmount}
 * the tenant's maximum share is enforced too (without it the merchant's checkout is trusted to have quoted).
 */
record ApplyPaymentRequest(
        @NotNull UUID memberId,
        @NotBlank @Size(max = 128) @Pattern(regexp = "[\\x21-\\x7e]+", message = "must be printable ASCII")
        String orderId,
        @NotNull @Min(1) @Max(1_000_000_000_000L) Long points,
        @DecimalMin(value = "0.00", inclusive = false) @DecimalMax(QuotePaymentRequest.MAX_AMOUNT)
        @Digits(integer = 10, fraction = 2) BigDecimal orderAmount,
        @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") String currency) {
}
