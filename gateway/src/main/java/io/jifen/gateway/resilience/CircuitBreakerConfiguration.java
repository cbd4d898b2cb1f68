package io.jifen.gateway.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Circuit breaker defaults for every route. No resilience4j time limiter (disabled in application.yml): the HTTP
 * client's per-route response timeout is the one time limit, and a failed or timed-out call counts as a failure.
 */
@Configuration(proxyBeanMethods = false)
class CircuitBreakerConfiguration {

    /** Ours, since resilience4j's Boot module (which would make these) does not run on Boot 4. */
    @Bean
    CircuitBreakerRegistry circuitBreakerRegistry(CircuitBreakerProperties properties) {
        // Spring Cloud CircuitBreaker publishes each breaker's metrics itself (resilience4j-micrometer).
        return CircuitBreakerRegistry.of(config(properties));
    }

    @Bean
    TimeLimiterRegistry timeLimiterRegistry() {
        return TimeLimiterRegistry.ofDefaults();
    }

    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> circuitBreakerDefaults(CircuitBreakerRegistry registry) {
        CircuitBreakerConfig config = registry.getDefaultConfig();
        return factory -> factory.configureDefault(id -> new Resilience4JConfigBuilder(id)
                .circuitBreakerConfig(config)
                .build());
    }

    private static CircuitBreakerConfig config(CircuitBreakerProperties properties) {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(properties.window())
                .minimumNumberOfCalls(properties.minimumCalls())
                .failureRateThreshold(properties.failureRate())
                .waitDurationInOpenState(properties.openFor())
                .permittedNumberOfCallsInHalfOpenState(properties.halfOpenCalls())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .build();
    }
}
