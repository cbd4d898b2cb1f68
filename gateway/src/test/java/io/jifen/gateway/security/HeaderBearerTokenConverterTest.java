package io.jifen.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;

class HeaderBearerTokenConverterTest {

    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln-_";

    @Test
    void shouldAnswerEveryRequestAsSpringsConverterDoes() {
        List<String> headers = new ArrayList<>(List.of("Bearer " + JWT, "bearer " + JWT, "Bearer " + JWT + "==",
                "Bearer ", "Bearer a b", "Bearer " + JWT + "\n", "Basic dXNlcjpwdw==", "Bearer é"));
        headers.add(null);
        for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.POST)) {
            for (String header : headers) {
                for (String query : new String[] {"", "?access_token=" + JWT, "?page=2"}) {
                    for (String contentType : new String[] {null, "application/json",
                        "application/x-www-form-urlencoded"}) {
                        assertThat(outcome(new HeaderBearerTokenConverter(), method, header, query, contentType))
                                .as("%s %s %s %s", method, header, query, contentType)
                                .isEqualTo(outcome(new ServerBearerTokenAuthenticationConverter(), method, header,
                                        query, contentType));
                    }
                }
            }
        }
    }

    @Test
    void shouldTakeTheHeadersTokenAndRefuseAMalformedOne() {
        assertThat(outcome(new HeaderBearerTokenConverter(), HttpMethod.POST, "Bearer " + JWT, "", "application/json"))
                .isEqualTo("token: " + JWT);
        assertThat(outcome(new HeaderBearerTokenConverter(), HttpMethod.GET, "Bearer a b", "", null))
                .isEqualTo("error: Bearer token is malformed");
    }

    private static String outcome(ServerAuthenticationConverter converter, HttpMethod method, String header,
            String query, String contentType) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.method(method, "/api/v1/things" + query);
        if (header != null) {
            request.header("Authorization", header);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            return converter.convert(MockServerWebExchange.from(request.build()))
                    .map(authentication -> "token: " + ((BearerTokenAuthenticationToken) authentication).getToken())
                    .defaultIfEmpty("none")
                    .block();
        } catch (OAuth2AuthenticationException e) {
            return "error: " + e.getError().getDescription();
        }
    }
}
