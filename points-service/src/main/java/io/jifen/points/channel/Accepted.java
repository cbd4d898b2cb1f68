package io.jifen.points.channel;

import io.jifen.plugin.api.ChannelResult;
import java.util.List;

/**
 * What the host accepted of a channel's result: its awards, each with the points that may be written, or its
 * rejection ({@code rejection} not null, no awards).
 */
public record Accepted(List<Share> awards, String rejection) {

    public Accepted {
        awards = List.copyOf(awards);
    }

    public boolean isRejected() {
        return rejection != null;
    }

    /**
     * One proposed award and what of it may be written: all of it, unless a built-in's proposal went over the
     * per-event cap (then the later awards are cut, to 0 when the cap is used up).
     */
    public record Share(ChannelResult.Award award, long points) {

        public long cut() {
            return award.points() - points;
        }
    }
}
