package io.jifen.points.payment;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;

/** {@code PUT /api/v1/points/payment-settings}. */
record UpdatePaymentSettingsRequest(
        @NotNull @Min(1) @Max(1_000_000) Long pointsPerUnit,
        @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") @Digits(integer = 1, fraction = 4)
        BigDecimal maxShare) {
}
