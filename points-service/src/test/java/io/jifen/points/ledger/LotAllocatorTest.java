package io.jifen.points.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jifen.points.ledger.LotAllocator.Consumption;
import io.jifen.points.ledger.LotAllocator.OpenLot;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LotAllocatorTest {

    private final UUID soonest = UUID.randomUUID();
    private final UUID later = UUID.randomUUID();
    private final UUID never = UUID.randomUUID();
    private final List<OpenLot> lots = List.of(new OpenLot(soonest, 10), new OpenLot(later, 20),
            new OpenLot(never, 30));

    @Test
    void shouldTakeTheFirstLotsInTheGivenOrderAndEachToZeroBeforeTheNext() {
        assertThat(LotAllocator.allocate(lots, 25))
                .containsExactly(new Consumption(soonest, 10), new Consumption(later, 15));
    }

    @Test
    void shouldTakeFromOneLotWhenItCoversTheDebit() {
        assertThat(LotAllocator.allocate(lots, 4)).containsExactly(new Consumption(soonest, 4));
    }

    @Test
    void shouldEmptyEveryLotForTheWholeBalance() {
        assertThat(LotAllocator.allocate(lots, 60)).extracting(Consumption::points).containsExactly(10L, 20L, 30L);
    }

    @Test
    void shouldSkipEmptyLotsAndTakeNothingForZero() {
        List<OpenLot> withEmpty = List.of(new OpenLot(soonest, 0), new OpenLot(later, 5));
        assertThat(LotAllocator.allocate(withEmpty, 5)).containsExactly(new Consumption(later, 5));
        assertThat(LotAllocator.allocate(withEmpty, 0)).isEmpty();
    }

    @Test
    void shouldRefuseToTakeMoreThanTheLotsHold() {
        assertThatThrownBy(() -> LotAllocator.allocate(lots, 61)).isInstanceOf(IllegalStateException.class);
    }
}
