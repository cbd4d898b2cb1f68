package io.jifen.gateway.resilience;

import io.jifen.gateway.RequestIdWebFilter;
import io.jifen.gateway.problem.ServiceUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Where every route's circuit breaker forwards a failed or refused call (application.yml {@code default-filters}):
 * a 503 {@code service_unavailable} problem with {@code Retry-After}. Never a made-up success: a client must not
 * believe a purchase was recorded when the points service never saw it.
 */
@Configuration(proxyBeanMethods = false)
class UnavailableFallback {

    static final String PATH = "/__gateway/unavailable";
    private static final Logger log = LoggerFactory.getLogger(UnavailableFallback.class);

    @Bean
    RouterFunction<ServerResponse> unavailableFallbackRoute(ServiceUnavailable unavailable) {
        return RouterFunctions.route(RequestPredicates.path(PATH), request -> {
            Throwable cause = request.exchange().getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
            log.warn("Circuit breaker fallback for {} {}: {}", request.method(),
                    request.exchange().getAttribute(RequestIdWebFilter.PATH_ATTRIBUTE), String.valueOf(cause));
            return ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .header(HttpHeaders.RETRY_AFTER, unavailable.retryAfter())
                    .bodyValue(unavailable.body(request.exchange(), ServiceUnavailable.SERVICE_DOWN));
        });
    }
}
