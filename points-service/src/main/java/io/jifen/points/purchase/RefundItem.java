package io.jifen.points.purchase;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Units of one SKU of the purchase given back (a SKU named twice in one refund counts as their sum). */
record RefundItem(
        @NotBlank @Size(max = 100) String sku,
        @NotNull @Min(1) @Max(100_000) Long quantity) {
}
