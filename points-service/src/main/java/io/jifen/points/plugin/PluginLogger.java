package io.jifen.points.plugin;

import io.jifen.plugin.api.ChannelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A channel's log lines, under {@code jifen.plugin.<pluginId>}, tagged with tenant and channel, length-capped. */
record PluginLogger(Logger log, String tenantId, String channelId) implements ChannelContext.ChannelLogger {

    private static final int MAX = 1000;

    static PluginLogger of(String pluginId, String tenantId, String channelId) {
        return new PluginLogger(LoggerFactory.getLogger("jifen.plugin." + pluginId), tenantId, channelId);
    }

    @Override
    public void info(String message) {
        log.info("[tenant {} channel {}] {}", tenantId, channelId, cap(message));
    }

    @Override
    public void warn(String message) {
        log.warn("[tenant {} channel {}] {}", tenantId, channelId, cap(message));
    }

    private static String cap(String message) {
        return message == null || message.length() <= MAX ? message : message.substring(0, MAX) + "…";
    }
}
