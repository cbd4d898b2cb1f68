package io.jifen.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

class HeaderBearerTokenResolverTest {

    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln-_";

    @Test
    void shouldAnswerEveryRequestAsSpringsResolverDoes() {
        List<String> headers = new ArrayList<>(List.of("Bearer " + JWT, "bearer " + JWT, "Bearer " + JWT + "==",
                "Bearer ", "Bearer a b", "Bearer " + JWT + "\n", "Basic dXNlcjpwdw==", "Bearer é"));
        headers.add(null);
        for (String method : List.of("GET", "POST", "DELETE")) {
            for (String header : headers) {
                for (String query : new String[] {null, "access_token=" + JWT, "page=2", "access%5Ftoken=x"}) {
                    for (String contentType : new String[] {null, "application/json",
                        "application/x-www-form-urlencoded"}) {
                        MockHttpServletRequest request = request(method, header, query, contentType);
                        assertThat(outcome(new HeaderBearerTokenResolver(), request))
                                .as("%s %s ?%s %s", method, header, query, contentType)
                                .isEqualTo(outcome(new DefaultBearerTokenResolver(), request));
                    }
                }
            }
        }
    }

    @Test
    void shouldTakeTheHeadersTokenAndRefuseAMalformedOne() {
        assertThat(new HeaderBearerTokenResolver().resolve(request("POST", "Bearer " + JWT, null, "application/json")))
                .isEqualTo(JWT);
        assertThat(outcome(new HeaderBearerTokenResolver(), request("GET", "Bearer a b", null, null)))
                .isEqualTo("error: Bearer token is malformed");
    }

    private static MockHttpServletRequest request(String method, String header, String query, String contentType) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, "/api/v1/things");
        if (header != null) {
            request.addHeader("Authorization", header);
        }
        if (query != null) {
            request.setQueryString(query);
            for (String pair : query.split("&")) {
                String[] parts = pair.split("=", 2);
                request.addParameter(java.net.URLDecoder.decode(parts[0], java.nio.charset.StandardCharsets.UTF_8),
                        parts[1]);
            }
        }
        if (contentType != null) {
            request.setContentType(contentType);
        }
        return request;
    }

    private static String outcome(BearerTokenResolver resolver, MockHttpServletRequest request) {
        try {
            return "token: " + resolver.resolve(request);
        } catch (OAuth2AuthenticationException e) {
            return "error: " + e.getError().getDescription();
        }
    }
}
