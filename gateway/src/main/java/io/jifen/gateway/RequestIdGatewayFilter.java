package io.jifen.gateway;

import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Every routed request gets an {@code X-Request-Id} (the caller's, when sane) that the services log and return,
 * and loses any {@code X-Tenant-Id} a client typed: the tenant comes from the validated token only.
 */
@Component
class RequestIdGatewayFilter implements GlobalFilter, Ordered {

    static final String REQUEST_ID = "X-Request-Id";
    static final String TENANT_ID = "X-Tenant-Id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        String requestId = exchange.getRequest().getHeaders().getFirst(REQUEST_ID);
        String id = requestId != null && SANE.matcher(requestId).matches() ? requestId : UUID.randomUUID().toString();
        ServerHttpRequest request = exchange.getRequest().mutate()
                .headers(headers -> {
                    headers.remove(TENANT_ID);
                    headers.set(REQUEST_ID, id);
                })
                .build();
        exchange.getResponse().getHeaders().set(REQUEST_ID, id);
        return chain.filter(exchange.mutate().request(request).build());
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
