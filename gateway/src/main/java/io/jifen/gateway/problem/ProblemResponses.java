package io.jifen.gateway.problem;

import io.jifen.gateway.RequestIdWebFilter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the gateway's own RFC 9457 problems in exactly the shape the services use (common/web {@code Problems}):
 * {@code type} derived from the stable {@code code}, {@code title}, {@code status}, {@code detail}, {@code instance},
 * {@code code}, {@code requestId}. The services' library is servlet-based, hence this small reactive twin.
 */
@Component
public class ProblemResponses {

    public static final String TYPE_BASE = "https://jifen.io/problems/";

    private final JsonMapper json;

    public ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String code, String detail) {
        return write(exchange, status, code, detail, headers -> { });
    }

    public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String code, String detail,
            Consumer<HttpHeaders> headers) {
        return write(exchange, exchange.getResponse(), status, code, detail, headers);
    }

    /**
     * Writes onto {@code response} rather than the exchange's own: a response decorator replacing what it was about
     * to write must not write through itself again.
     */
    public Mono<Void> write(ServerWebExchange exchange, ServerHttpResponse response, HttpStatus status, String code,
            String detail, Consumer<HttpHeaders> headers) {
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers.accept(response.getHeaders());
        byte[] bytes = json.writeValueAsBytes(body(exchange, status, code, detail));
        DataBuffer buffer = response.bufferFactory().wrap(bytes);
        return response.writeWith(Mono.just(buffer));
    }

    /** The problem as a JSON-ready map (for handlers that build a {@code ServerResponse}). */
    public Map<String, Object> body(ServerWebExchange exchange, HttpStatus status, String code, String detail) {
        return body(originalPath(exchange), exchange.getAttribute(RequestIdWebFilter.ATTRIBUTE), status, code, detail);
    }

    /** The problem's JSON bytes, for code that answers outside the filter chain (the express lane). */
    public byte[] bytes(String instance, String requestId, HttpStatus status, String code, String detail) {
        return json.writeValueAsBytes(body(instance, requestId, status, code, detail));
    }

    private static Map<String, Object> body(String instance, Object requestId, HttpStatus status, String code,
            String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + code.replace('_', '-'));
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", instance);
        body.put("code", code);
        if (requestId != null) {
            body.put("requestId", requestId);
        }
        return body;
    }

    /** The path the client called, also after a route rewrote it or a circuit breaker forwarded the call. */
    private static String originalPath(ServerWebExchange exchange) {
        String original = exchange.getAttribute(RequestIdWebFilter.PATH_ATTRIBUTE);
        return original != null ? original : exchange.getRequest().getPath().value();
    }
}
