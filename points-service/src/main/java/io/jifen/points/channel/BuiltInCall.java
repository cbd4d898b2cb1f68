package io.jifen.points.channel;

import io.jifen.plugin.api.ChannelContext;
import io.jifen.plugin.api.ChannelEvent;
import io.jifen.plugin.api.ChannelResult;
import io.jifen.plugin.api.EarningChannel;
import io.jifen.web.ApiException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * A built-in channel's event: evaluated right here, in the request's thread and transaction (trusted first-party
 * code: no pool, no timeout, no breaker, nothing to isolate). A result the check refuses is a bug in Jifen, not a
 * misbehaving plugin: it is counted like a plugin's and answered 500, and nothing is written.
 */
record BuiltInCall(EarningChannel channel, ChannelEvent event, ChannelContext context, AwardCheck.Bounds bounds,
        MeterRegistry meters) implements ChannelCall {

    @Override
    public String pluginId() {
        return BuiltInChannels.PLUGIN_ID;
    }

    @Override
    public String channelId() {
        return channel.id();
    }

    @Override
    public ChannelResult evaluate() {
        return channel.evaluate(event, context);
    }

    @Override
    public RuntimeException refused(String problem) {
        meters.counter("jifen.plugin.failures", "plugin", pluginId(), "channel", channelId(), "kind",
                "invalid_output").increment();
        return new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "channel_invalid_output", "Built-in channel "
                + channelId() + " proposed something the host refuses: " + problem);
    }

    @Override
    public void accepted(ChannelResult result) {
        // No breaker to reset and no state to apply: built-ins keep none.
    }

    /** What a built-in sees of the host: the same narrow context a plugin gets, with no state to keep. */
    record Context(String tenantId, Map<String, Object> config, Clock clock, ChannelLogger logger)
            implements ChannelContext {

        Context {
            config = Map.copyOf(config);
        }

        static Context of(String tenantId, String channelId, Map<String, Object> config, Clock clock) {
            org.slf4j.Logger log = LoggerFactory.getLogger("jifen.channel." + channelId);
            return new Context(tenantId, config, clock, new ChannelLogger() {
                @Override
                public void info(String message) {
                    log.info("[tenant {}] {}", tenantId, message);
                }

                @Override
                public void warn(String message) {
                    log.warn("[tenant {}] {}", tenantId, message);
                }
            });
        }

        @Override
        public KeyValueStore store() {
            return NO_STATE;
        }
    }

    /** Built-ins take their facts from the event and their rules from the config; they keep no state. */
    static final ChannelContext.KeyValueStore NO_STATE = new ChannelContext.KeyValueStore() {
        @Override
        public Optional<String> get(String key) {
            return Optional.empty();
        }

        @Override
        public void put(String key, String value) {
            throw new UnsupportedOperationException("Built-in channels keep no state");
        }

        @Override
        public boolean compareAndSet(String key, Optional<String> expected, String value) {
            throw new UnsupportedOperationException("Built-in channels keep no state");
        }
    };
}
