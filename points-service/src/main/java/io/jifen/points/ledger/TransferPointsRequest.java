package io.jifen.points.ledger;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/** {@code POST /api/v1/points/transfers}: one member gives another some of their points. */
record TransferPointsRequest(
        @NotNull UUID fromMemberId,
        @NotNull UUID toMemberId,
        @NotNull @Min(1) @Max(AdjustPointsRequest.MAX_POINTS) Long points) {

    @AssertTrue(message = "a member cannot transfer points to themselves")
    boolean isBetweenTwoMembers() {
        return fromMemberId == null || !fromMemberId.equals(toMemberId);
    }
}
