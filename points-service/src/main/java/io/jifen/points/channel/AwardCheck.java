package io.jifen.points.channel;

import io.jifen.plugin.api.ChannelResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The host's whitelist for what a channel may propose, plugin or built-in; anything else is invalid output, never
 * written. The one difference is the per-event cap: a plugin's proposal over it is refused, a built-in's is cut to
 * it ({@link Overflow}), because a built-in proposes what the tenant's own rules say.
 */
public final class AwardCheck {

    public static final int MAX_AWARDS = 20;
    public static final int MAX_REASON = 200;
    static final int MAX_REJECTION = 500;

    private AwardCheck() {
    }

    /** What becomes of awards whose total exceeds the per-event cap. */
    public enum Overflow {
        REFUSE, CUT
    }

    /**
     * What one channel may propose for one event.
     *
     * @param reasons the only reasons an award may give, each at most once; {@code null}: any text
     */
    public record Bounds(int maxAwards, long maxPointsPerEvent, Overflow overflow, Set<String> reasons) {

        public Bounds {
            reasons = reasons == null ? null : Set.copyOf(reasons);
        }

        /** A plugin's: at most {@link #MAX_AWARDS} awards of any reason, refused above the tenant's cap. */
        public static Bounds plugin(long maxPointsPerEvent) {
            return new Bounds(MAX_AWARDS, maxPointsPerEvent, Overflow.REFUSE, null);
        }

        /** A built-in's: one award per rule it was given (the rule's code as reason), cut to the platform's cap. */
        public static Bounds builtIn(long maxPointsPerEvent, Set<String> ruleCodes) {
            return new Bounds(Math.max(1, ruleCodes.size()), maxPointsPerEvent, Overflow.CUT, ruleCodes);
        }
    }

    /** Why {@code result} cannot be accepted from a plugin capped at {@code maxPointsPerEvent}, or {@code null}. */
    static String problem(ChannelResult result, long maxPointsPerEvent, Instant now) {
        return problem(result, Bounds.plugin(maxPointsPerEvent), now);
    }

    /** Why {@code result} cannot be accepted within {@code bounds}, or {@code null} when it can. */
    public static String problem(ChannelResult result, Bounds bounds, Instant now) {
        return switch (result) {
            case null -> "the channel returned nothing";
            case ChannelResult.Rejected rejected -> blank(rejected.reason())
                    || rejected.reason().length() > MAX_REJECTION
                    ? "a rejection needs a reason of 1-" + MAX_REJECTION + " characters" : null;
            case ChannelResult.Awarded awarded -> awardsProblem(awarded, bounds, now);
        };
    }

    /**
     * What the host takes of a result {@link #problem} accepted: each award with the points the cap leaves of it,
     * earlier awards first (all of them unless the bounds cut).
     */
    public static Accepted accept(ChannelResult result, Bounds bounds) {
        if (result instanceof ChannelResult.Rejected rejected) {
            return new Accepted(List.of(), rejected.reason());
        }
        long room = bounds.maxPointsPerEvent();
        List<Accepted.Share> shares = new ArrayList<>();
        for (ChannelResult.Award award : ((ChannelResult.Awarded) result).awards()) {
            long points = Math.min(award.points(), room);
            room -= points;
            shares.add(new Accepted.Share(award, points));
        }
        return new Accepted(shares, null);
    }

    private static String awardsProblem(ChannelResult.Awarded awarded, Bounds bounds, Instant now) {
        List<ChannelResult.Award> awards = awarded.awards();
        if (awards == null || awards.isEmpty() || awards.size() > bounds.maxAwards()) {
            return "an award result holds 1-" + bounds.maxAwards() + " awards";
        }
        Set<String> seen = new HashSet<>();
        long total = 0;
        for (ChannelResult.Award award : awards) {
            String problem = awardProblem(award, bounds, seen, now);
            if (problem != null) {
                return problem;
            }
            if (bounds.overflow() == Overflow.REFUSE) {
                if (award.points() > bounds.maxPointsPerEvent() - total) { // total ≤ cap here: no overflow
                    return "the awards exceed the tenant's cap of " + bounds.maxPointsPerEvent() + " points per event";
                }
                total += award.points();
            }
        }
        return null;
    }

    private static String awardProblem(ChannelResult.Award award, Bounds bounds, Set<String> seen, Instant now) {
        if (award == null || award.points() <= 0) {
            return "every award is a positive number of points";
        }
        if (blank(award.reason()) || award.reason().length() > MAX_REASON) {
            return "every award needs a reason of 1-" + MAX_REASON + " characters";
        }
        if (bounds.reasons() != null && (!bounds.reasons().contains(award.reason()) || !seen.add(award.reason()))) {
            return "the reason '" + award.reason() + "' is not one of the rules the channel was given, or repeats";
        }
        if (award.expiresAt() != null && !award.expiresAt().isAfter(now)) {
            return "an award expires in the past (" + award.expiresAt() + ")";
        }
        return null;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
