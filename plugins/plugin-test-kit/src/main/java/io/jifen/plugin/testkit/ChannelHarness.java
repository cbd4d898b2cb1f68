package io.jifen.plugin.testkit;

import io.jifen.plugin.api.ChannelContext;
import io.jifen.plugin.api.ChannelEvent;
import io.jifen.plugin.api.ChannelResult;
import io.jifen.plugin.api.EarningChannel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in host for one channel and one tenant: sends sample events the way Jifen does (a fresh context per
 * call, the config as given, the tenant's clock) and keeps the channel's key-value state between calls. The clock
 * only moves when the test says so, so day boundaries and streaks are testable.
 * <pre>{@code
 * ChannelHarness harness = ChannelHarness.of(new MyChannel())
 *         .zone("Asia/Shanghai").at("2026-03-01T09:00").config(Map.of("pointsPerDay", 10));
 * ChannelResult result = harness.send("member-1", Map.of());
 * harness.advance(Duration.ofDays(1));
 * }</pre>
 */
public final class ChannelHarness {

    private final EarningChannel channel;
    private final Map<String, String> store = new ConcurrentHashMap<>();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private String tenantId = UUID.randomUUID().toString();
    private Map<String, Object> config = Map.of();
    private ZoneId zone = ZoneId.of("UTC");
    private Instant now = Instant.parse("2026-01-01T08:00:00Z");

    private ChannelHarness(EarningChannel channel) {
        this.channel = Objects.requireNonNull(channel, "channel");
    }

    public static ChannelHarness of(EarningChannel channel) {
        return new ChannelHarness(channel);
    }

    public ChannelHarness tenant(String tenantId) {
        this.tenantId = tenantId;
        return this;
    }

    /** The tenant's config as the host hands it over (the host fills in schema defaults; here, give them). */
    public ChannelHarness config(Map<String, Object> config) {
        this.config = Map.copyOf(config);
        return this;
    }

    public ChannelHarness zone(String zoneId) {
        this.zone = ZoneId.of(zoneId);
        return this;
    }

    /** Sets the clock to a local date-time in the tenant's zone, e.g. {@code "2026-03-01T23:59"}. */
    public ChannelHarness at(String localDateTime) {
        this.now = LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
        return this;
    }

    public ChannelHarness advance(Duration duration) {
        this.now = now.plus(duration);
        return this;
    }

    /**
     * Evaluates one event like the host: state written by the call is kept only when it awards something; a null
     * result fails the test (the host refuses it as invalid output).
     */
    public ChannelResult send(String memberId, Map<String, Object> attributes) {
        ChannelEvent event = new ChannelEvent(UUID.randomUUID().toString(), memberId, now, attributes);
        MemoryStore state = new MemoryStore(store);
        ChannelResult result = channel.evaluate(event, context(state));
        if (result == null) {
            throw new AssertionError("evaluate returned null; the host rejects that as invalid output");
        }
        if (result instanceof ChannelResult.Awarded) {
            state.commit();
        }
        return result;
    }

    /** Total points of an awarded result, 0 for a rejection. */
    public static long points(ChannelResult result) {
        return result instanceof ChannelResult.Awarded awarded
                ? awarded.awards().stream().mapToLong(ChannelResult.Award::points).sum() : 0;
    }

    public Map<String, String> store() {
        return Map.copyOf(store);
    }

    public List<String> log() {
        return List.copyOf(log);
    }

    private ChannelContext context(MemoryStore state) {
        Clock clock = Clock.fixed(now, zone);
        Map<String, Object> tenantConfig = new HashMap<>(config);
        return new HarnessContext(tenantId, Map.copyOf(tenantConfig), clock, new ChannelContext.ChannelLogger() {
            @Override
            public void info(String message) {
                log.add("INFO " + message);
            }

            @Override
            public void warn(String message) {
                log.add("WARN " + message);
            }
        }, state);
    }

    private record HarnessContext(String tenantId, Map<String, Object> config, Clock clock, ChannelLogger logger,
            KeyValueStore store) implements ChannelContext {
    }
}
