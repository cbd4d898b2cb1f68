package io.jifen.points.reward;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** {@code POST /api/v1/rewards/{id}/coupon-codes}: either imported {@code codes} or {@code generate} new ones. */
record AddCouponCodesRequest(
        @Size(min = 1, max = MAX_CODES) List<@NotBlank @Size(max = 64) @Pattern(regexp = "[\\x21-\\x7e]+",
                message = "must be printable ASCII") String> codes,
        @Min(1) @Max(MAX_CODES) Integer generate) {

    static final int MAX_CODES = 10_000;

    @AssertTrue(message = "send exactly one of codes, generate")
    boolean isOneSource() {
        return (codes == null) != (generate == null);
    }
}
