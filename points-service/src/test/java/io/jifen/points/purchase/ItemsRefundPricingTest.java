package io.jifen.points.purchase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jifen.points.purchase.PurchaseStore.Line;
import io.jifen.web.ApiException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ItemsRefundPricingTest {

    private static final List<Line> LINES = List.of(new Line("A", 3, new BigDecimal("2.50")),
            new Line("B", 1, new BigDecimal("2.49")), new Line("A", 2, new BigDecimal("1.00")));

    @Test
    void shouldPriceEachSkuAtItsLinesInLineOrderAfterTheUnitsAlreadyRefunded() {
        assertThat(ItemsRefundPricing.amount(LINES, Map.of(), Map.of("A", 1L))).isEqualByComparingTo("2.50");
        // 2 of A already back: the third unit of the first line, then one of the second line.
        assertThat(ItemsRefundPricing.amount(LINES, Map.of("A", 2L), Map.of("A", 2L, "B", 1L)))
                .isEqualByComparingTo("5.99");
        assertThat(ItemsRefundPricing.amount(LINES, Map.of(), Map.of("A", 5L, "B", 1L)))
                .isEqualByComparingTo("11.99");
    }

    @Test
    void shouldRefuseMoreOfASkuThanBoughtMinusRefunded() {
        assertThatThrownBy(() -> ItemsRefundPricing.amount(LINES, Map.of("A", 4L), Map.of("A", 2L)))
                .isInstanceOfSatisfying(ApiException.class,
                        problem -> assertThat(problem.code()).isEqualTo("refund_quantity_exceeded"));
        assertThat(ItemsRefundPricing.amount(LINES, Map.of("A", 4L), Map.of("A", 1L))).isEqualByComparingTo("1.00");
    }

    @Test
    void shouldRefuseAnUnknownSkuAndAPurchaseWithoutItems() {
        assertThatThrownBy(() -> ItemsRefundPricing.amount(LINES, Map.of(), Map.of("C", 1L)))
                .isInstanceOfSatisfying(ApiException.class,
                        problem -> assertThat(problem.code()).isEqualTo("refund_item_unknown"));
        assertThatThrownBy(() -> ItemsRefundPricing.amount(List.of(), Map.of(), Map.of("A", 1L)))
                .isInstanceOfSatisfying(ApiException.class,
                        problem -> assertThat(problem.code()).isEqualTo("purchase_has_no_items"));
    }
}
