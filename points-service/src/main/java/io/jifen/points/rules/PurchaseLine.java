package io.jifen.points.rules;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/** A line of a purchase as rules see it (exclusions and sku/category multipliers). */
public record PurchaseLine(
        @NotBlank @Size(max = 100) String sku,
        @Size(max = 100) String category,
        @NotNull @Min(1) @Max(100_000) Integer quantity,
        @NotNull @DecimalMin("0.00") @DecimalMax(Rules.MAX_AMOUNT) @Digits(integer = 10, fraction = 2)
        BigDecimal unitPrice) {

    long cents() {
        return unitPrice.movePointRight(2).longValueExact() * quantity;
    }
}
