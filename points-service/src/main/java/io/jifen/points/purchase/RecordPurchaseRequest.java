package io.jifen.points.purchase;

import io.jifen.points.member.MemberRef;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** {@code POST /api/v1/purchases}: the member by exactly one of id, card number or external id. */
record RecordPurchaseRequest(
        UUID memberId,
        @Size(min = 1, max = 64) String cardNumber,
        @Size(min = 1, max = 128) String externalId,
        @NotBlank @Size(max = 128) @Pattern(regexp = "[\\x21-\\x7e]+", message = "must be printable ASCII")
        String orderId,
        @NotNull @DecimalMin(value = "0.00", inclusive = false) @DecimalMax(MAX_AMOUNT)
        @Digits(integer = 10, fraction = 2) BigDecimal amount,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") String currency,
        @Size(max = 500) List<@NotNull @Valid PurchaseItem> items,
        @Size(max = 64) String storeId,
        @PlausibleSaleTime Instant occurredAt) {

    /** A sane ceiling for one purchase: beyond it is a typo or an attack, not a sale. */
    static final String MAX_AMOUNT = "99999999.99";

    @AssertTrue(message = "name the member by exactly one of memberId, cardNumber, externalId")
    boolean isMemberNamedOnce() {
        return (memberId != null ? 1 : 0) + (cardNumber != null ? 1 : 0) + (externalId != null ? 1 : 0) == 1;
    }

    MemberRef member() {
        return new MemberRef(memberId, cardNumber, externalId);
    }
}
