package io.jifen.points.plugin;

import io.jifen.plugin.api.ChannelContext;
import java.time.Clock;
import java.util.Map;

/** All of the host a channel gets for one call; built fresh per call from copies. */
record HostContext(String tenantId, Map<String, Object> config, Clock clock, ChannelLogger logger,
        ChannelState store) implements ChannelContext {

    HostContext {
        config = Map.copyOf(config);
    }
}
