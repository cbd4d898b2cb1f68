package io.jifen.points.rules;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code POST /api/v1/earning-rules/simulate}: a purchase to evaluate. With a {@code memberId}, the member's tier,
 * first purchase and limits count; {@code tierCode} overrides the tier.
 */
record SimulateRequest(
        UUID memberId,
        @Size(min = 1, max = 64) String tierCode,
        @NotNull @DecimalMin(value = "0.00", inclusive = false) @DecimalMax(Rules.MAX_AMOUNT)
        @Digits(integer = 10, fraction = 2) BigDecimal amount,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") String currency,
        @Size(max = 500) List<@Valid @NotNull PurchaseLine> items,
        Instant occurredAt) {
}
