package io.jifen.points.plugin;

import io.jifen.plugin.api.EarningChannel;

/**
 * A channel of a plugin loaded in this instance: what it said about itself when loaded (asked once, under a
 * timeout) and the class loader its calls run under.
 */
record LoadedChannel(String pluginId, ChannelInfo info, EarningChannel channel, ClassLoader loader) {

    String channelId() {
        return info.channelId();
    }
}
