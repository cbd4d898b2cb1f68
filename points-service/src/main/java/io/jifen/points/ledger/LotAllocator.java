package io.jifen.points.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Which lots a debit consumes: the given order (soonest-expiring first), each lot down to zero before the next. */
final class LotAllocator {

    private LotAllocator() {
    }

    record OpenLot(UUID id, long remaining) {
    }

    record Consumption(UUID lotId, long points) {
    }

    /**
     * @param lots   open lots in consumption order
     * @param points how many points to take; never more than the lots hold
     */
    static List<Consumption> allocate(List<OpenLot> lots, long points) {
        if (points < 0) {
            throw new IllegalArgumentException("Cannot allocate " + points + " points");
        }
        List<Consumption> taken = new ArrayList<>();
        long left = points;
        for (OpenLot lot : lots) {
            if (left == 0) {
                break;
            }
            long take = Math.min(left, lot.remaining());
            if (take > 0) {
                taken.add(new Consumption(lot.id(), take));
                left -= take;
            }
        }
        if (left > 0) {
            // The lots always hold max(balance, 0): a shortfall here means the projection is corrupt. Roll back.
            throw new IllegalStateException("Open lots hold " + (points - left) + " points, " + points + " needed");
        }
        return taken;
    }
}
