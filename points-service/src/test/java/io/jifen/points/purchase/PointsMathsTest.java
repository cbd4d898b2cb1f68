package io.jifen.points.purchase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PointsMathsTest {

    @Test
    void shouldReverseExactlyTheRefundedShare() {
        assertThat(PointsMaths.reversedTotal(100, new BigDecimal("30.00"), new BigDecimal("100.00"))).isEqualTo(30);
        assertThat(PointsMaths.reversedTotal(100, new BigDecimal("60.00"), new BigDecimal("100.00"))).isEqualTo(60);
        assertThat(PointsMaths.reversedTotal(100, new BigDecimal("100.00"), new BigDecimal("100.00"))).isEqualTo(100);
    }

    @Test
    void shouldRoundEachRunningTotalDownSoThePartsNeverExceedTheWhole() {
        // 9 points on 9.99; three refunds of 3.33: floor(9*3.33/9.99)=3, floor(9*6.66/9.99)=6, then all 9.
        BigDecimal amount = new BigDecimal("9.99");
        long first = PointsMaths.reversedTotal(9, new BigDecimal("3.33"), amount);
        long second = PointsMaths.reversedTotal(9, new BigDecimal("6.66"), amount) - first;
        long third = PointsMaths.reversedTotal(9, new BigDecimal("9.99"), amount) - first - second;
        assertThat(new long[] {first, second, third}).containsExactly(3, 3, 3);
        // 7 points on 7.50, refunds of 2.50 each: 2 (2.33 rounded down), 2 (4.66 → 4), then the last 3.
        BigDecimal odd = new BigDecimal("7.50");
        long a = PointsMaths.reversedTotal(7, new BigDecimal("2.50"), odd);
        long b = PointsMaths.reversedTotal(7, new BigDecimal("5.00"), odd) - a;
        long c = PointsMaths.reversedTotal(7, new BigDecimal("7.50"), odd) - a - b;
        assertThat(new long[] {a, b, c}).containsExactly(2, 2, 3);
    }

    @Test
    void shouldReverseNothingForARefundTooSmallToCoverAWholePoint() {
        assertThat(PointsMaths.reversedTotal(100, new BigDecimal("0.99"), new BigDecimal("100.00"))).isZero();
        assertThat(PointsMaths.reversedTotal(0, new BigDecimal("0.50"), new BigDecimal("0.50"))).isZero();
    }

    @Test
    void shouldStayExactForTheLargestPurchase() {
        BigDecimal max = new BigDecimal("99999999.99");
        assertThat(PointsMaths.reversedTotal(99_999_999, max, max)).isEqualTo(99_999_999);
        assertThat(PointsMaths.reversedTotal(99_999_999, new BigDecimal("0.01"), max)).isZero();
    }

    @Test
    void shouldRefuseARefundedTotalAboveThePurchase() {
        assertThatThrownBy(() -> PointsMaths.reversedTotal(10, new BigDecimal("10.01"), new BigDecimal("10.00")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
