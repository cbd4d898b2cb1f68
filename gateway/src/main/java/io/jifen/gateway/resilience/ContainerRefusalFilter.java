package io.jifen.gateway.resilience;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CLIENT_RESPONSE_HEADER_NAMES;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import io.jifen.gateway.RequestIdWebFilter;
import io.jifen.gateway.problem.ServiceUnavailable;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Turns a service container's own refusal into the gateway's 503 {@code service_unavailable} with
 * {@code Retry-After}. Our services answer every error with a JSON problem (common/web), so an error status with any
 * other body was never seen by the application: Tomcat pausing for a graceful shutdown (a call on an idle keep-alive
 * connection gets its HTML 400 page), an overloaded or not yet started server. Passed through, a 400 would tell a
 * client never to retry a call it can safely retry.
 * <p>
 * Decided from status and {@code Content-Type} when the upstream body is about to be written, so successful bodies
 * stream through and problems pass byte for byte. Runs just outside {@link NettyWriteResponseFilter}, which writes
 * through this filter's response. The route filters (circuit breaker, retries) still see the upstream's status.
 */
@Component
public class ContainerRefusalFilter implements GlobalFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ContainerRefusalFilter.class);
    private static final List<MediaType> APPLICATION_ERRORS =
            List.of(MediaType.APPLICATION_PROBLEM_JSON, MediaType.APPLICATION_JSON);

    private final ServiceUnavailable unavailable;

    ContainerRefusalFilter(ServiceUnavailable unavailable) {
        this.unavailable = unavailable;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        // The gateway's own headers so far (request id, rate limit, CORS): kept even if the upstream sent the same names.
        HttpHeaders gatewayHeaders = HttpHeaders.copyOf(exchange.getResponse().getHeaders());
        ServerHttpResponse response = new RefusalTranslatingResponse(exchange, gatewayHeaders);
        return chain.filter(exchange.mutate().response(response).build());
    }

    @Override
    public int getOrder() {
        return NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1;
    }

    /** An error status whose body is not JSON (a problem or plain JSON), or has no or an unreadable type. */
    public static boolean isContainerRefusal(@Nullable HttpStatusCode status, @Nullable String contentType) {
        if (status == null || !status.isError()) {
            return false;
        }
        if (contentType == null) {
            return true;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return APPLICATION_ERRORS.stream().noneMatch(type::equalsTypeAndSubtype);
        } catch (InvalidMediaTypeException e) {
            return true;
        }
    }

    /** Releases a body that will not be sent; a failure while reading it changes nothing. */
    private static Mono<Void> discard(Publisher<? extends DataBuffer> body) {
        return Flux.from(body).doOnNext(DataBufferUtils::release).onErrorComplete().then();
    }

    private final class RefusalTranslatingResponse extends ServerHttpResponseDecorator {

        private final ServerWebExchange exchange;
        private final HttpHeaders gatewayHeaders;

        RefusalTranslatingResponse(ServerWebExchange exchange, HttpHeaders gatewayHeaders) {
            super(exchange.getResponse());
            this.exchange = exchange;
            this.gatewayHeaders = gatewayHeaders;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            if (!isContainerRefusal(getStatusCode(), getHeaders().getFirst(HttpHeaders.CONTENT_TYPE))) {
                return super.writeWith(body);
            }
            return discard(body).then(Mono.defer(this::answerUnavailable));
        }

        @Override
        public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
            if (!isContainerRefusal(getStatusCode(), getHeaders().getFirst(HttpHeaders.CONTENT_TYPE))) {
                return super.writeAndFlushWith(body);
            }
            return Flux.from(body).concatMap(ContainerRefusalFilter::discard)
                    .then(Mono.defer(this::answerUnavailable));
        }

        private Mono<Void> answerUnavailable() {
            Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
            log.warn("Route {}: upstream answered {} ({}) without a problem document, a refusal by its container; "
                            + "answering 503 to {} {}", route != null ? route.getId() : "?", getStatusCode().value(),
                    getHeaders().getFirst(HttpHeaders.CONTENT_TYPE), exchange.getRequest().getMethod(),
                    exchange.getAttribute(RequestIdWebFilter.PATH_ATTRIBUTE));
            HttpHeaders headers = getDelegate().getHeaders();
            // The upstream's headers describe the page being dropped (length, language, encoding): none may leak.
            Set<String> upstream = exchange.getAttributeOrDefault(CLIENT_RESPONSE_HEADER_NAMES, Set.of());
            upstream.forEach(headers::remove);
            headers.remove(HttpHeaders.CONTENT_LENGTH);
            gatewayHeaders.forEach((name, values) -> {
                if (!headers.containsHeader(name)) {
                    headers.put(name, values);
                }
            });
            return unavailable.write(exchange, getDelegate(), ServiceUnavailable.SERVICE_DOWN);
        }
    }
}
