package io.jifen.points.channel;

import io.jifen.plugin.api.EarningChannel;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The channels Jifen itself provides, shown as the plugin {@value #PLUGIN_ID}: first-party code in the host's class
 * loader, always on for every tenant, never uploaded, disabled or removed. They are the {@link EarningChannel}
 * beans (a plugin's channels are PF4J extensions, never beans).
 */
@Component
public class BuiltInChannels {

    public static final String PLUGIN_ID = "jifen-core";

    private final List<EarningChannel> channels;
    private final long maxPointsPerEvent;

    BuiltInChannels(List<EarningChannel> channels, ChannelProperties properties) {
        this.channels = channels.stream().sorted(Comparator.comparing(EarningChannel::id)).toList();
        this.maxPointsPerEvent = properties.maxPointsPerEvent();
    }

    /** In id order. */
    public List<EarningChannel> all() {
        return channels;
    }

    public Optional<EarningChannel> find(String channelId) {
        return channels.stream().filter(channel -> channel.id().equals(channelId)).findFirst();
    }

    public boolean isPlugin(String pluginId) {
        return PLUGIN_ID.equals(pluginId);
    }

    /** The most points one event of a built-in channel may award ({@link ChannelProperties}). */
    public long maxPointsPerEvent() {
        return maxPointsPerEvent;
    }
}
