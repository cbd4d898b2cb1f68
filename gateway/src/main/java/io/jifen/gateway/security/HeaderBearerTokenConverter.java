package io.jifen.gateway.security;

import io.jifen.httpchecks.BearerHeader;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Spring's {@link ServerBearerTokenAuthenticationConverter} with a fast path for the request every API call is: a
 * well-formed {@code Authorization: Bearer} header, no query string and no form body. Such a request gets the header's
 * token, found by {@link BearerHeader} instead of Spring's regular expression (7 per cent of the gateway's CPU per
 * call); every other request, a malformed header included, goes to Spring's converter, whose answers and errors stand.
 */
final class HeaderBearerTokenConverter implements ServerAuthenticationConverter {

    private final ServerBearerTokenAuthenticationConverter spring = new ServerBearerTokenAuthenticationConverter();

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        HttpHeaders headers = request.getHeaders();
        String token = BearerHeader.onlyToken(headers.getFirst(HttpHeaders.AUTHORIZATION),
                request.getURI().getRawQuery(), headers.getFirst(HttpHeaders.CONTENT_TYPE));
        return token != null ? Mono.just(new BearerTokenAuthenticationToken(token)) : spring.convert(exchange);
    }
}
