package io.jifen.points.reward;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code POST /api/v1/redemptions/{id}/fulfilment}. */
record UpdateFulfilmentRequest(
        @NotNull @Pattern(regexp = "placed|shipped|delivered", message = "must be placed, shipped or delivered")
        String status,
        @Size(min = 1, max = 128) @Pattern(regexp = "[\\x21-\\x7e]+", message = "must be printable ASCII")
        String trackingNumber) {
}
