package io.jifen.gateway.resilience;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every route's circuit breaker (one per route, named after it): opens when {@code failureRate} percent of the last
 * {@code window} calls (at least {@code minimumCalls}) failed, and stays open for {@code openFor}.
 */
@ConfigurationProperties("jifen.gateway.circuit-breaker")
public record CircuitBreakerProperties(
        @DefaultValue("20") int window,
        @DefaultValue("10") int minimumCalls,
        @DefaultValue("50") float failureRate,
        @DefaultValue("10s") Duration openFor,
        @DefaultValue("3") int halfOpenCalls) {
}
