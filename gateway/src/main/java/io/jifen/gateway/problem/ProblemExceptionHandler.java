package io.jifen.gateway.problem;

import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

/**
 * Every error the gateway itself raises leaves as a problem document, never Boot's default JSON or an HTML page.
 * A downstream that cannot be reached (refused, reset, timed out) is a 503 {@code service_unavailable} with
 * {@code Retry-After}: for the caller it is the same as an open circuit. Ordered before Boot's own handler (-1).
 *
 * <p>A caller that closed its connection before its answer (a phone losing its signal, a load generator stopping) is
 * not an error of the gateway nor of a service: nothing can be written to it, and it is logged at debug level only.
 */
@Component
@Order(-2)
class ProblemExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    private final ProblemResponses problems;
    private final ServiceUnavailable unavailable;

    ProblemExceptionHandler(ProblemResponses problems, ServiceUnavailable unavailable) {
        this.problems = problems;
        this.unavailable = unavailable;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (callerGone(exchange.getResponse())) {
            log.debug("The caller of {} {} closed its connection before the answer: {}",
                    exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex.toString());
            return Mono.empty();
        }
        if (unreachable(ex)) {
            log.warn("Downstream unavailable for {} {}: {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(), ex.toString());
            return unavailable.write(exchange, ServiceUnavailable.SERVICE_DOWN);
        }
        if (ex instanceof AuthenticationServiceException) {
            log.warn("Token could not be checked (identity provider unreachable?): {}", ex.toString());
            return unavailable.write(exchange, "Tokens cannot be checked right now; try again later");
        }
        if (ex instanceof ResponseStatusException status) {
            return problems.write(exchange, resolve(status.getStatusCode()), code(status.getStatusCode()),
                    status.getReason() != null ? status.getReason() : resolve(status.getStatusCode()).getReasonPhrase());
        }
        log.error("Unexpected gateway error for {} {}", exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(), ex);
        return problems.write(exchange, HttpStatus.INTERNAL_SERVER_ERROR, "internal_error",
                "An unexpected error occurred");
    }

    /**
     * Whether the caller's connection is closed. When a caller hangs up, reactor-netty either cancels the call
     * (nothing reaches this handler) or, when the answer was already on its way, fails writing it: only then are we here.
     */
    static boolean callerGone(ServerHttpResponse response) {
        try {
            Object nativeResponse = ServerHttpResponseDecorator.getNativeResponse(response);
            return nativeResponse instanceof Connection connection && !connection.channel().isActive();
        } catch (IllegalArgumentException | IllegalStateException notOnNetty) {
            return false;
        }
    }

    private static boolean unreachable(Throwable ex) {
        if (ex instanceof ResponseStatusException status) {
            int code = status.getStatusCode().value();
            return code == 502 || code == 503 || code == 504;
        }
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            // Connection refused/reset and reactor-netty's premature close are IOExceptions.
            if (cause instanceof IOException || cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static HttpStatus resolve(HttpStatusCode status) {
        HttpStatus resolved = HttpStatus.resolve(status.value());
        return resolved != null ? resolved : HttpStatus.INTERNAL_SERVER_ERROR;
    }

    private static String code(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            case 429 -> "rate_limited";
            default -> status.is5xxServerError() ? "internal_error" : "error";
        };
    }
}
