package io.jifen.gateway.problem;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a caller is asked to wait after a 503 (an open circuit, an unreachable service). Roughly the circuit's
 * open state: retrying sooner only meets the open circuit again.
 */
@ConfigurationProperties("jifen.gateway.unavailable")
public record RetryAfter(@DefaultValue("10s") Duration retryAfter) {

    /** Whole seconds, at least 1, as {@code Retry-After} wants them. */
    public String seconds() {
        return Long.toString(Math.max(1, (retryAfter.toMillis() + 999) / 1000));
    }
}
