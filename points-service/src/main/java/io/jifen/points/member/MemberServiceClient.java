package io.jifen.points.member;

import io.jifen.web.ApiException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks member-service for a member the projection has not seen yet (registered a moment ago, its event still on
 * the way). It forwards the caller's own bearer token, so member-service applies its own tenant scoping: another
 * tenant's member is a 404 there, and so here.
 */
@Component
class MemberServiceClient {

    private final MemberServiceProperties properties;
    private final JsonMapper json;
    private final HttpClient http;

    MemberServiceClient(MemberServiceProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
    }

    /** The member, or empty when member-service says 404; 503 {@code member_service_unavailable} otherwise. */
    Optional<Member> lookup(MemberRef ref) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(properties.url() + path(ref)))
                .timeout(properties.timeout())
                .header("Authorization", "Bearer " + callerToken())
                .header("Accept", "application/json")
                .GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw unavailable("unreachable (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted");
        }
        return switch (response.statusCode()) {
            case 200 -> Optional.of(parse(response.body()));
            case 404 -> Optional.empty();
            default -> throw unavailable("answered " + response.statusCode());
        };
    }

    private String path(MemberRef ref) {
        if (ref.memberId() != null) {
            return properties.byIdPath().replace("{id}", ref.memberId().toString());
        }
        if (ref.cardNumber() != null) {
            return properties.byCardPath().replace("{number}", encode(ref.cardNumber()));
        }
        return properties.byExternalIdPath().replace("{id}", encode(ref.externalId()));
    }

    private Member parse(String body) {
        try {
            JsonNode node = json.readTree(body);
            JsonNode id = node.hasNonNull("memberId") ? node.get("memberId") : node.get("id");
            return new Member(UUID.fromString(id.asString()), text(node, "externalId"), text(node, "cardNumber"),
                    node.hasNonNull("status") ? node.get("status").asString().toLowerCase() : "active",
                    node.path("tier").hasNonNull("code") ? node.get("tier").get("code").asString() : null);
        } catch (RuntimeException e) {
            throw unavailable("answered a member we cannot read");
        }
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asString() : null;
    }

    private static String callerToken() {
        if (SecurityContextHolder.getContext().getAuthentication()
                instanceof AbstractOAuth2TokenAuthenticationToken<?> token) {
            return token.getToken().getTokenValue();
        }
        throw new IllegalStateException("A member lookup needs the caller's bearer token");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static ApiException unavailable(String why) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "member_service_unavailable",
                "Members cannot be looked up right now (member-service " + why + "); retry later");
    }
}
