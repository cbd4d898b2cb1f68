package io.jifen.points.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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

    @Test
    void shouldGiveBackTheRefundedShareOfThePaidPointsRoundedDownOnTheRunningTotal() {
        // 97 points paid part of an order of 100.00, refunded 10.00 at a time: 9.7, 19.4, 29.1 … rounded down.
        BigDecimal amount = new BigDecimal("100.00");
        List<Long> parts = new ArrayList<>();
        long before = 0;
        for (int refunds = 1; refunds <= 10; refunds++) {
            long total = PaymentMaths.returnedTotal(97, BigDecimal.TEN.multiply(BigDecimal.valueOf(refunds)), amount);
            parts.add(total - before);
            before = total;
        }

        assertThat(parts).containsExactly(9L, 10L, 10L, 9L, 10L, 10L, 9L, 10L, 10L, 10L);
        assertThat(before).isEqualTo(97);
    }

    @Test
    void shouldGiveBackNothingForARefundTooSmallForAWholePointAndEverythingForAFullRefund() {
        assertThat(PaymentMaths.returnedTotal(97, new BigDecimal("1.03"), new BigDecimal("100.00"))).isZero();
        assertThat(PaymentMaths.returnedTotal(97, new BigDecimal("100.00"), new BigDecimal("100.00"))).isEqualTo(97);
        assertThat(PaymentMaths.returnedTotal(1, new BigDecimal("0.01"), new BigDecimal("0.01"))).isEqualTo(1);
    }

    @Test
    void shouldNeverGiveBackMoreThanWasPaidHoweverTheRefundsAreSplit() {
        Random random = new Random(5);
        for (int order = 0; order < 1_000; order++) {
            long paid = 1 + random.nextInt(100_000);
            long cents = 1 + random.nextInt(1_000_000);
            BigDecimal amount = BigDecimal.valueOf(cents, 2);
            long refunded = 0;
            long before = 0;
            while (refunded < cents) {
                refunded += 1 + random.nextLong(cents - refunded);
                long total = PaymentMaths.returnedTotal(paid, BigDecimal.valueOf(refunded, 2), amount);
                assertThat(total).as("running total after %s of %s", refunded, cents)
                        .isBetween(before, paid);
                before = total;
            }
            assertThat(before).as("the completing refund gives back the rest").isEqualTo(paid);
        }
    }

    @Test
    void shouldStayExactForTheLargestOrderAndRefuseARefundedTotalAboveIt() {
        BigDecimal max = new BigDecimal("99999999.99");
        assertThat(PaymentMaths.returnedTotal(1_000_000_000_000L, max, max)).isEqualTo(1_000_000_000_000L);
        assertThat(PaymentMaths.returnedTotal(1_000_000_000_000L, new BigDecimal("0.01"), max)).isEqualTo(100);
        assertThatThrownBy(() -> PaymentMaths.returnedTotal(10, new BigDecimal("10.01"), new BigDecimal("10.00")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldValueTheReturnedPointsDownToTheCentSoThePartsAddUpToTheDiscount() {
        // 23 points paid 3.28 (7 a unit): 10 back are worth 1.426… → 1.42, all 23 exactly 3.28.
        BigDecimal discount = new BigDecimal("3.28");
        assertThat(PaymentMaths.discountReturned(discount, 23, 10)).isEqualByComparingTo("1.42");
        assertThat(PaymentMaths.discountReturned(discount, 23, 23)).isEqualByComparingTo("3.28");
        assertThat(PaymentMaths.discountReturned(discount, 23, 0)).isEqualByComparingTo("0.00");
    }
}
