package io.jifen.points.legacy;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * {@code POST /api/v1/points/imports}: balances carried over from the merchant's previous system, each naming its
 * member by exactly one of id, card number or external id, with an optional expiry kept on its own lot.
 */
record ImportBalancesRequest(@NotNull @Size(min = 1, max = MAX_ROWS) List<@NotNull @Valid Row> balances) {

    static final int MAX_ROWS = 5000;

    /**
     * @param reference the row's id in the old system; a row is imported once per member and reference, so re-running
     *                  a file creates nothing twice (default: the row's points and expiry)
     */
    record Row(
            UUID memberId,
            @Pattern(regexp = "[0-9A-Za-z]{4,32}") String cardNumber,
            @Size(min = 1, max = 64) String externalId,
            @NotNull @Min(1) @Max(MAX_POINTS) Long points,
            Instant expiresAt,
            @Pattern(regexp = "[\\x21-\\x7E]{1,100}", message = "must be 1-100 printable ASCII characters") String reference,
            @Size(max = 500) String note) {

        static final long MAX_POINTS = 100_000_000L;

        @AssertTrue(message = "name the member by exactly one of memberId, cardNumber, externalId")
        boolean isOneMemberReference() {
            return Stream.of(memberId, cardNumber, externalId).filter(v -> v != null).count() == 1;
        }
    }
}
