package io.jifen.points.plugin;

/** What a channel says about itself. */
record ChannelInfo(String channelId, String displayName, String description, String configSchema) {
}
