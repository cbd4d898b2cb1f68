package io.jifen.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Token buckets in this instance's memory, used while Redis is unreachable so that limits (above all on the
 * endpoints that move points) never fail open. Each instance limits on its own, so across N instances a tenant may
 * get up to N times its rate during an outage: bounded, unlike no limit at all.
 */
@Component
class LocalBuckets {

    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();

    Decision take(String key, Limit limit) {
        return buckets.get(key, k -> new Bucket(limit.burst(), System.nanoTime())).take(limit, System.nanoTime());
    }

    private static final class Bucket {

        private double tokens;
        private long lastNanos;

        Bucket(double tokens, long lastNanos) {
            this.tokens = tokens;
            this.lastNanos = lastNanos;
        }

        synchronized Decision take(Limit limit, long nowNanos) {
            double elapsedSeconds = Math.max(0, nowNanos - lastNanos) / 1e9;
            tokens = Math.min(limit.burst(), tokens + elapsedSeconds * limit.rps());
            lastNanos = nowNanos;
            if (tokens >= 1) {
                tokens -= 1;
                return new Decision(Decision.Outcome.ADMITTED, (long) tokens, 0);
            }
            long retryMillis = (long) Math.ceil((1 - tokens) * 1000 / limit.rps());
            return new Decision(Decision.Outcome.LIMITED, 0, retryMillis);
        }
    }
}
