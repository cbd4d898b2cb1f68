package io.jifen.points.plugin;

import io.jifen.plugin.api.ChannelResult;
import java.time.Instant;

/** The host's whitelist for what a channel may propose; anything else is invalid output, never written. */
final class AwardCheck {

    static final int MAX_AWARDS = 20;
    static final int MAX_REASON = 200;

    private AwardCheck() {
    }

    /** Why {@code result} cannot be accepted, or {@code null} when it can. */
    static String problem(ChannelResult result, long maxPointsPerEvent, Instant now) {
        return switch (result) {
            case null -> "the channel returned nothing";
            case ChannelResult.Rejected rejected -> blank(rejected.reason()) || rejected.reason().length() > 500
                    ? "a rejection needs a reason of 1-500 characters" : null;
            case ChannelResult.Awarded awarded -> awardProblem(awarded, maxPointsPerEvent, now);
        };
    }

    private static String awardProblem(ChannelResult.Awarded awarded, long maxPointsPerEvent, Instant now) {
        if (awarded.awards() == null || awarded.awards().isEmpty() || awarded.awards().size() > MAX_AWARDS) {
            return "an award result holds 1-" + MAX_AWARDS + " awards";
        }
        long total = 0;
        for (ChannelResult.Award award : awarded.awards()) {
            if (award == null || award.points() <= 0) {
                return "every award is a positive number of points";
            }
            if (blank(award.reason()) || award.reason().length() > MAX_REASON) {
                return "every award needs a reason of 1-" + MAX_REASON + " characters";
            }
            if (award.expiresAt() != null && !award.expiresAt().isAfter(now)) {
                return "an award expires in the past (" + award.expiresAt() + ")";
            }
            total += Math.min(award.points(), maxPointsPerEvent + 1); // no overflow, still over the cap
            if (total > maxPointsPerEvent) {
                return "the awards exceed the tenant's cap of " + maxPointsPerEvent + " points per event";
            }
        }
        return null;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
