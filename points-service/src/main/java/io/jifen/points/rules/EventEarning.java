package io.jifen.points.rules;

import io.jifen.points.expiry.Earnings;
import io.jifen.points.ledger.EntryKind;
import io.jifen.points.ledger.Ledger;
import io.jifen.points.ledger.Posting;
import io.jifen.points.ledger.Reason;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pays a member's event rules (registration, birthday, custom …) as their built-in channel proposes them
 * ({@link EventRuleChannel}): one earn for all of them, under the tenant's velocity guard like purchases (held for
 * review above its threshold or beyond its daily cap), never pending.
 */
@Service
@Transactional(propagation = Propagation.MANDATORY)
class EventEarning {

    private final EarningRules rules;
    private final RuleChannels channels;
    private final Ledger ledger;
    private final Earnings earnings;

    EventEarning(EarningRules rules, RuleChannels channels, Ledger ledger, Earnings earnings) {
        this.rules = rules;
        this.channels = channels;
        this.ledger = ledger;
        this.earnings = earnings;
    }

    /** What the event paid ({@code held} of it waits for review), and the member's balance after. */
    record Earned(List<Award> awards, long held, long balance) {

        long points() {
            return Award.total(awards);
        }
    }

    /**
     * @param occurrence what is rewarded, once per rule and member (e.g. {@code birthday:2026}); also the entry's
     *                   source id
     */
    Earned award(UUID memberId, String trigger, String occurrence, Instant at) {
        List<Award> awards = channels.event(memberId, trigger, occurrence, at, rules.forEvaluation());
        long points = Award.total(awards);
        if (points == 0) {
            return new Earned(awards, 0, ledger.balance(memberId));
        }
        Earnings.Earned earned = earnings.earn(Posting.of(memberId, EntryKind.EARN, Reason.RULE, occurrence), points,
                false);
        return new Earned(awards, earned.held(), earned.posted().balanceAfter());
    }
}
