package io.jifen.points.expiry;

import io.jifen.points.ledger.ChannelSource;
import io.jifen.points.ledger.Ledger;
import io.jifen.points.ledger.Ledger.Cancelled;
import io.jifen.points.ledger.Posted;
import io.jifen.points.ledger.Posting;
import io.jifen.points.settings.LedgerSettings;
import io.jifen.points.settings.PointsSettings;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where earned points go under the tenant's policy: held for review by the velocity guard (an earn above
 * {@code holdEarnsAbove} whole, or the part beyond {@code maxPointsPerMemberPerDay} in the tenant's day), pending
 * for the return window ({@code pendingDays}, purchase earnings), or straight into the balance.
 */
@Service
@Transactional(propagation = Propagation.MANDATORY)
public class Earnings {

    private final Ledger ledger;
    private final LedgerSettings settings;
    private final EarnReviews reviews;
    private final Clock clock;

    Earnings(Ledger ledger, LedgerSettings settings, EarnReviews reviews, Clock clock) {
        this.ledger = ledger;
        this.settings = settings;
        this.reviews = reviews;
        this.clock = clock;
    }

    /**
     * What one earn did.
     *
     * @param posted  the credit into the balance (entry id {@code null}, points 0 when all of it waits)
     * @param pending points waiting for the return window
     * @param held    points held for review
     */
    public record Earned(Posted posted, long pending, long held) {
    }

    /**
     * Credits an earn-kind posting, or parks it.
     *
     * @param returnWindow whether the tenant's pending period applies (purchase earnings)
     */
    public Earned earn(Posting posting, long points, boolean returnWindow) {
        UUID memberId = posting.memberId();
        PointsSettings policy = lockAndRead(memberId);
        long held = holdForVelocity(posting, points, policy);
        long rest = points - held;
        if (rest > 0 && returnWindow && policy.pendingDays() > 0) {
            Instant until = clock.instant().atZone(policy.zone()).plusDays(policy.pendingDays()).toInstant();
            ledger.holdPending(posting, rest, until);
            return new Earned(nothingPosted(memberId), rest, held);
        }
        return new Earned(rest > 0 ? ledger.credit(posting, rest, policy.expiresAt(clock.instant()))
                : nothingPosted(memberId), 0, held);
    }

    /**
     * Whether earns go straight into the balance: no velocity guard (which reads the member's earns of the day) and no
     * return window. Then an earn depends on nothing of its member's but the balance, and a batch may
     * {@link #plan} its purchases' credits before it locks their accounts.
     */
    public boolean straightIntoBalance() {
        PointsSettings policy = settings.current();
        return policy.holdEarnsAbove() == null && policy.maxPointsPerMemberPerDay() == null
                && policy.pendingDays() == 0;
    }

    /**
     * An earn-kind credit planned ({@link Ledger#plan}) with the policy's expiry, for {@link Ledger#post} once the
     * account is locked; only where {@link #straightIntoBalance} holds, as the guard and the window are not applied.
     */
    public Ledger.Planned plan(Posting posting, long points) {
        return ledger.plan(posting, points, settings.current().expiresAt(clock.instant()));
    }

    /**
     * A plugin channel's award: under the velocity guard like any earn, never pending (no return window). The part
     * not held is tied to the channel and expires at {@code expiresAt}, or as the policy says when the channel gave
     * none; a held part gets the policy's expiry when approved.
     */
    public Earned earn(Posting posting, long points, Instant expiresAt, ChannelSource source) {
        PointsSettings policy = lockAndRead(posting.memberId());
        long rest = points - holdForVelocity(posting, points, policy);
        Instant expiry = expiresAt != null ? expiresAt : policy.expiresAt(clock.instant());
        return new Earned(rest > 0 ? ledger.credit(posting, rest, expiry, source) : nothingPosted(posting.memberId()),
                0, points - rest);
    }

    /** The member's earns are serial from here, so two at once cannot both fit under the daily cap. */
    private PointsSettings lockAndRead(UUID memberId) {
        ledger.lockAll(List.of(memberId));
        return settings.current();
    }

    /** Holds for review what the guard stops (an earn above the threshold whole, or what exceeds the day's cap). */
    private long holdForVelocity(Posting posting, long points, PointsSettings policy) {
        long held = 0;
        String cause = null;
        if (policy.holdEarnsAbove() != null && points > policy.holdEarnsAbove()) {
            held = points;
            cause = EarnReviews.ABOVE_THRESHOLD;
        } else if (policy.maxPointsPerMemberPerDay() != null) {
            long room = Math.max(0, policy.maxPointsPerMemberPerDay() - earnedToday(posting.memberId(), policy));
            held = Math.max(0, points - room);
            cause = EarnReviews.DAILY_CAP;
        }
        if (held > 0) {
            reviews.open(ledger.holdForReview(posting, held), posting, held, cause);
        }
        return held;
    }

    /**
     * Cancels up to {@code points} of what a source (an order) still has waiting, held first: a refund inside the
     * window takes those instead of balance. Reviews of lots cancelled whole are closed.
     *
     * @return the points cancelled
     */
    public long cancelWaiting(UUID memberId, String sourceId, long points) {
        List<Cancelled> cancelled = ledger.cancelWaiting(memberId, sourceId, points);
        cancelled.stream().filter(Cancelled::closed).forEach(lot -> reviews.closeCancelled(lot.lotId()));
        return cancelled.stream().mapToLong(Cancelled::points).sum();
    }

    /** Earn-kind points of this member since the start of the tenant's day, waiting ones included. */
    private long earnedToday(UUID memberId, PointsSettings policy) {
        return ledger.earnedSince(memberId,
                LocalDate.now(clock.withZone(policy.zone())).atStartOfDay(policy.zone()).toInstant());
    }

    private Posted nothingPosted(UUID memberId) {
        return new Posted(null, 0, ledger.balance(memberId));
    }
}
