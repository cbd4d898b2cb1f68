package io.jifen.web;

import io.jifen.httpchecks.BearerHeader;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Spring's {@link DefaultBearerTokenResolver} with a fast path for the request every API call is: a well-formed
 * {@code Authorization: Bearer} header, no query string and no form body (where Spring would also look for an
 * {@code access_token} parameter). Such a request gets the header's token, found by {@link BearerHeader} instead of
 * Spring's regular expression; every other request, a malformed header included, goes to Spring's resolver, so the
 * answers and errors stay Spring's.
 */
final class HeaderBearerTokenResolver implements BearerTokenResolver {

    private final DefaultBearerTokenResolver spring = new DefaultBearerTokenResolver();

    @Override
    public String resolve(HttpServletRequest request) {
        String token = BearerHeader.onlyToken(request.getHeader(HttpHeaders.AUTHORIZATION), request.getQueryString(),
                request.getContentType());
        return token != null ? token : spring.resolve(request);
    }
}
