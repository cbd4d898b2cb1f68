package io.jifen.points.purchase;

import io.jifen.points.expiry.Earnings;
import io.jifen.points.ledger.EntryKind;
import io.jifen.points.ledger.Ledger;
import io.jifen.points.ledger.Posted;
import io.jifen.points.ledger.Posting;
import io.jifen.points.ledger.Reason;
import io.jifen.points.purchase.PurchaseStore.Purchase;
import io.jifen.points.settings.LedgerSettings;
import org.springframework.stereotype.Component;

/**
 * Takes a refund's share of the points a purchase earned: first from the purchase's points still waiting (return
 * window, review), then from the balance under the tenant's refund-debt policy.
 */
@Component
class EarnedPointsReversal {

    private final Ledger ledger;
    private final LedgerSettings settings;
    private final Earnings earnings;

    EarnedPointsReversal(Ledger ledger, LedgerSettings settings, Earnings earnings) {
        this.ledger = ledger;
        this.settings = settings;
        this.earnings = earnings;
    }

    /**
     * @param posted    the {@code reverse} entry (none when nothing came from the balance) and the balance after
     * @param cancelled what came from the waiting points instead
     */
    record Reversed(Posted posted, long cancelled) {
    }

    Reversed reverse(Purchase purchase, String refundId, long due) {
        // Inside the return window (or under review) the points are not in the balance yet: cancel those first.
        long cancelled = due == 0 ? 0 : earnings.cancelWaiting(purchase.memberId(), purchase.orderId(), due);
        long toReverse = due - cancelled;
        Posted posted = toReverse == 0 ? new Posted(null, 0, ledger.balance(purchase.memberId()))
                : ledger.debit(Posting.of(purchase.memberId(), EntryKind.REVERSE, Reason.PURCHASE,
                        purchase.orderId() + "/" + refundId), toReverse, settings.refundDebt());
        return new Reversed(posted, cancelled);
    }
}
