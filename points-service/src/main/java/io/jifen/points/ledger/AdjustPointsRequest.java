package io.jifen.points.ledger;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** {@code POST /api/v1/points/adjustments}: a manual correction, positive or negative, always with a reason. */
record AdjustPointsRequest(
        @NotNull UUID memberId,
        @NotNull @Min(-MAX_POINTS) @Max(MAX_POINTS) Long points,
        @NotBlank @Size(max = 500) String reason) {

    static final long MAX_POINTS = 100_000_000L;

    @AssertTrue(message = "must not be zero")
    boolean isPointsNonZero() {
        return points == null || points != 0;
    }
}
