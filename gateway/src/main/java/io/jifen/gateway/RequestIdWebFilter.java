package io.jifen.gateway;

import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Every request gets an {@code X-Request-Id} (the caller's, when sane) that the services log and return, and loses
 * any {@code X-Tenant-Id} a client typed: the tenant comes from the validated token only. A web filter rather than
 * a gateway filter, so it runs before security: the gateway's own 401/403/429 problems carry the id too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdWebFilter implements WebFilter {

    public static final String REQUEST_ID = "X-Request-Id";
    public static final String TENANT_ID = "X-Tenant-Id";
    /** Exchange attribute holding the request id, for problem bodies. */
    public static final String ATTRIBUTE = RequestIdWebFilter.class.getName() + ".id";
    /** Exchange attribute holding the path the client called, before any rewrite or fallback forward. */
    public static final String PATH_ATTRIBUTE = RequestIdWebFilter.class.getName() + ".path";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String id = idFor(exchange.getRequest().getHeaders().getFirst(REQUEST_ID));
        ServerWebExchange mutated = exchange.mutate()
                .request(request -> request.headers(headers -> {
                    headers.remove(TENANT_ID);
                    headers.set(REQUEST_ID, id);
                }))
                .build();
        mutated.getAttributes().put(ATTRIBUTE, id);
        mutated.getAttributes().put(PATH_ATTRIBUTE, exchange.getRequest().getPath().value());
        mutated.getResponse().getHeaders().set(REQUEST_ID, id);
        return chain.filter(mutated);
    }

    /** The caller's request id when it sent a sane one, otherwise a new one. */
    public static String idFor(String requestId) {
        return requestId != null && SANE.matcher(requestId).matches() ? requestId : UUID.randomUUID().toString();
    }
}
