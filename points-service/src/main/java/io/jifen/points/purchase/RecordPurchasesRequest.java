package io.jifen.points.purchase;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * {@code POST /api/v1/purchases/batch}: up to {@value #MAX_PURCHASES} purchases at once (a POS end-of-day file, a
 * till catching up), each validated as {@code POST /api/v1/purchases} validates its body; an invalid one is reported
 * by its index ({@code purchases[3].amount}) and refuses the whole batch.
 */
record RecordPurchasesRequest(
        @NotNull @Size(min = 1, max = MAX_PURCHASES) List<@NotNull @Valid RecordPurchaseRequest> purchases) {

    static final int MAX_PURCHASES = 1000;
}
