package io.jifen.gateway.ratelimit;

import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The admission's wait for Redis is the Redis client's own command timeout ({@code redis-timeout}), checked by its
 * timer wheel. A Reactor {@code timeout} on every call scheduled and cancelled a task on the parallel scheduler per
 * call, which woke one of its threads for nearly every request.
 */
@Configuration(proxyBeanMethods = false)
class RedisTimeoutConfiguration {

    @Bean
    LettuceClientConfigurationBuilderCustomizer admissionTimeout(RateLimitProperties properties) {
        return builder -> builder.commandTimeout(properties.redisTimeout());
    }
}
