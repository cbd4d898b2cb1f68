package io.jifen.points.channel;

import io.jifen.plugin.api.ChannelResult;

/**
 * One event on one channel, as {@link ChannelPipeline} runs it: how the channel is reached (a plugin on the bounded
 * pool under its timeout and breaker, a built-in inline), what its output may be, and what a refusal does.
 */
public interface ChannelCall {

    String pluginId();

    String channelId();

    /** The channel's result as it came, {@code null} included: the pipeline checks it. */
    ChannelResult evaluate();

    AwardCheck.Bounds bounds();

    /** Counts a refused result against the channel and answers the problem to throw. */
    RuntimeException refused(String problem);

    /** The result passed the check (before anything is posted). */
    void accepted(ChannelResult result);
}
