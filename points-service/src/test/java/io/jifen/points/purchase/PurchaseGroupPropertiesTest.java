package io.jifen.points.purchase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PurchaseGroupPropertiesTest {

    @Test
    void shouldAcceptSizesFromOneToABatchsMost() {
        assertThat(new PurchaseGroupProperties(1, 1).maxSize()).isEqualTo(1);
        assertThat(new PurchaseGroupProperties(RecordPurchasesRequest.MAX_PURCHASES, 8).maxInFlight()).isEqualTo(8);
    }

    @Test
    void shouldRefuseSizesOutsideTheirRange() {
        assertThatThrownBy(() -> new PurchaseGroupProperties(0, 2)).hasMessageContaining("max-size");
        assertThatThrownBy(() -> new PurchaseGroupProperties(RecordPurchasesRequest.MAX_PURCHASES + 1, 2))
                .hasMessageContaining("max-size");
        assertThatThrownBy(() -> new PurchaseGroupProperties(64, 0)).hasMessageContaining("max-in-flight");
    }
}
