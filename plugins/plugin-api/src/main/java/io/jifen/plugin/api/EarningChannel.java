package io.jifen.plugin.api;

import org.pf4j.ExtensionPoint;

/**
 * A way for members to earn points (daily check-in, social share, survey, …). The host calls {@link #evaluate}
 * for each event sent to the channel, with a timeout, and writes the ledger itself from what is proposed:
 * a channel never touches balances, databases or the host's beans.
 */
public interface EarningChannel extends ExtensionPoint {

    /** Stable id, unique within the plugin, e.g. {@code checkin}. Lower-case letters, digits and dashes. */
    String id();

    String displayName();

    String description();

    /**
     * JSON Schema of the per-tenant configuration, validated by the host on enablement. Supported subset: an
     * {@code object} with {@code properties} of type {@code integer}, {@code number}, {@code string} or
     * {@code boolean}, {@code minimum}/{@code maximum}, {@code enum}, {@code required} and {@code default}.
     */
    String configSchema();

    ChannelResult evaluate(ChannelEvent event, ChannelContext context);
}
