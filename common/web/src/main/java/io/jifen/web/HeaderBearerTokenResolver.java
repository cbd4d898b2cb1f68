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

    private static final String FORM = "application/x-www-form-urlencoded";

    private final DefaultBearerTokenResolver spring = new DefaultBearerTokenResolver();

    @Override
    public String resolve(HttpServletRequest request) {
        if (request.getQueryString() == null && !isForm(request.getContentType())) {
            String token = BearerHeader.token(request.getHeader(HttpHeaders.AUTHORIZATION));
            if (token != null) {
                return token;
            }
        }
        return spring.resolve(request);
    }

    private static boolean isForm(String contentType) {
        return contentType != null && contentType.regionMatches(true, 0, FORM, 0, FORM.length());
    }
}
