package io.jifen.points.plugin;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The plugin host's settings ({@code jifen.points.plugins.*}).
 *
 * @param directory where this instance writes the jars it loads (a cache: PostgreSQL holds the originals)
 */
@ConfigurationProperties("jifen.points.plugins")
record PluginProperties(Path directory, Limits limits, Calls calls, Breaker breaker) {

    /** Longer than this and a hanging plugin holds the member's account lock for too long. */
    static final Duration MAX_TIMEOUT = Duration.ofMillis(500);

    PluginProperties {
        if (calls.timeout().compareTo(MAX_TIMEOUT) > 0 || calls.timeout().isNegative() || calls.timeout().isZero()) {
            throw new IllegalArgumentException("jifen.points.plugins.calls.timeout must be in (0, 500ms]");
        }
    }

    /** @param maxPointsPerEvent what a tenant's channel may award for one event unless its enablement says less */
    record Limits(DataSize maxJarSize, long maxPointsPerEvent) {
    }

    /** Each plugin call runs on a pool of {@code threads} with at most {@code queue} waiting. */
    record Calls(Duration timeout, int threads, int queue) {
    }

    /** After {@code failures} failed calls in a row a tenant's channel is switched off for {@code openFor}. */
    record Breaker(int failures, Duration openFor) {
    }
}
