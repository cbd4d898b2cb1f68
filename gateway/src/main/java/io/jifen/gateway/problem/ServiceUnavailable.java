package io.jifen.gateway.problem;

import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The gateway's one "try again later" answer: 503 {@code service_unavailable} with {@code Retry-After}. An open
 * circuit, an unreachable service, an identity provider that cannot be asked and a service container refusing a call
 * all look the same to a client, which may then retry (writes carry an {@code Idempotency-Key}).
 */
@Component
public class ServiceUnavailable {

    public static final String CODE = "service_unavailable";
    public static final String SERVICE_DOWN = "The service behind this endpoint is unavailable; try again later";

    private final ProblemResponses problems;
    private final RetryAfter retryAfter;

    ServiceUnavailable(ProblemResponses problems, RetryAfter retryAfter) {
        this.problems = problems;
        this.retryAfter = retryAfter;
    }

    public Mono<Void> write(ServerWebExchange exchange, String detail) {
        return write(exchange, exchange.getResponse(), detail);
    }

    /** Onto a given response, e.g. the one a response decorator wraps. */
    public Mono<Void> write(ServerWebExchange exchange, ServerHttpResponse response, String detail) {
        return problems.write(exchange, response, HttpStatus.SERVICE_UNAVAILABLE, CODE, detail,
                headers -> headers.set(HttpHeaders.RETRY_AFTER, retryAfter.seconds()));
    }

    /** The problem as a JSON-ready map, for a handler that builds a {@code ServerResponse}. */
    public Map<String, Object> body(ServerWebExchange exchange, String detail) {
        return problems.body(exchange, HttpStatus.SERVICE_UNAVAILABLE, CODE, detail);
    }

    /** The {@code Retry-After} value, in whole seconds. */
    public String retryAfter() {
        return retryAfter.seconds();
    }
}
