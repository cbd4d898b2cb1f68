package io.jifen.points.payment;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import java.util.UUID;

/** {@code POST /api/v1/points/payment-quotes}: how many points could pay part of this order. */
record QuotePaymentRequest(
        @NotNull UUID memberId,
        @NotNull @DecimalMin(value = "0.00", inclusive = false) @DecimalMax(MAX_AMOUNT) @Digits(integer = 10,
                fraction = 2) BigDecimal orderAmount,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") String currency) {

    /** The same ceiling as a purchase's amount. */
    static final String MAX_AMOUNT = "99999999.99";
}
