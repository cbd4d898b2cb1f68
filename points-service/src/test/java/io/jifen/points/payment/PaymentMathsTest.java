package io.jifen.points.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PaymentMathsTest {

    private static final PaymentSettings SEVEN_PER_UNIT_A_THIRD = new PaymentSettings(7, new BigDecimal("0.3333"));

    @Test
    void shouldLetHalfAnOrderBePaidAtAHundredPointsAUnitByDefault() {
        assertThat(PaymentMaths.maxPoints(new BigDecimal("10.00"), PaymentSettings.DEFAULTS)).isEqualTo(500);
        assertThat(PaymentMaths.maxPoints(new BigDecimal("0.01"), PaymentSettings.DEFAULTS)).isZero();
        assertThat(PaymentMaths.discount(500, PaymentSettings.DEFAULTS)).isEqualByComparingTo("5.00");
        assertThat(PaymentMaths.discount(1, PaymentSettings.DEFAULTS)).isEqualByComparingTo("0.01");
    }

    @Test
    void shouldRoundPointsAndDiscountsDownInTheMerchantsFavour() {
        // 10.00 × 0.3333 × 7 = 23.331 points
        assertThat(PaymentMaths.maxPoints(new BigDecimal("10.00"), SEVEN_PER_UNIT_A_THIRD)).isEqualTo(23);
        // 23 / 7 = 3.2857…
        assertThat(PaymentMaths.discount(23, SEVEN_PER_UNIT_A_THIRD)).isEqualByComparingTo("3.28");
    }

    @Test
    void shouldNeverLetTheDiscountExceedTheShareOfTheLargestOrder() {
        BigDecimal amount = new BigDecimal("99999999.99");
        long points = PaymentMaths.maxPoints(amount, PaymentSettings.DEFAULTS);

        assertThat(PaymentMaths.discount(points, PaymentSettings.DEFAULTS))
                .isLessThanOrEqualTo(amount.multiply(new BigDecimal("0.5")));
    }
}
