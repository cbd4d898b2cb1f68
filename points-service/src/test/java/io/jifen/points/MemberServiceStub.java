package io.jifen.points;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stands in for member-service in this module's tests: answers its member lookups like it would, scoped to the
 * tenant of the bearer token it is sent (so another tenant's member is a 404, as there).
 */
final class MemberServiceStub {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, Map<String, Object>> MEMBERS = new ConcurrentHashMap<>();
    private static final Set<UUID> BROKEN_TENANTS = ConcurrentHashMap.newKeySet();
    private static HttpServer server;

    private MemberServiceStub() {
    }

    static synchronized String url() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/api/v1/members/", MemberServiceStub::answer);
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
        }
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A member of {@code tenant} that member-service knows (and points-service not yet). */
    static UUID register(UUID tenant, String status, String cardNumber, String externalId) {
        UUID memberId = UUID.randomUUID();
        Map<String, Object> member = new java.util.HashMap<>(Map.of("id", memberId.toString(), "status", status));
        if (cardNumber != null) {
            member.put("cardNumber", cardNumber);
            MEMBERS.put(tenant + "/by-card/" + cardNumber, member);
        }
        if (externalId != null) {
            member.put("externalId", externalId);
            MEMBERS.put(tenant + "/by-external-id/" + externalId, member);
        }
        MEMBERS.put(tenant + "/" + memberId, member);
        return memberId;
    }

    /** A member of {@code tenant} in tier {@code tierCode}, as member-service answers it ({@code tier.code}). */
    static UUID registerInTier(UUID tenant, String tierCode) {
        UUID memberId = register(tenant, "active", null, null);
        MEMBERS.get(tenant + "/" + memberId).put("tier", Map.of("code", tierCode));
        return memberId;
    }

    /** From now on this tenant's lookups fail as if member-service were down. */
    static void breakFor(UUID tenant) {
        BROKEN_TENANTS.add(tenant);
    }

    private static void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            UUID tenant = tenantOf(exchange.getRequestHeaders().getFirst("Authorization"));
            if (tenant == null || BROKEN_TENANTS.contains(tenant)) {
                reply(exchange, tenant == null ? 401 : 503, Map.of("code", "stub"));
                return;
            }
            String path = exchange.getRequestURI().getPath().substring("/api/v1/members/".length());
            Map<String, Object> member = MEMBERS.get(tenant + "/" + path);
            reply(exchange, member == null ? 404 : 200, member == null ? Map.of("code", "member_not_found") : member);
        }
    }

    private static UUID tenantOf(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        String payload = authorization.substring(7).split("\\.")[1];
        String claims = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
        return UUID.fromString(JSON.readTree(claims).path("tenant_id").asString());
    }

    private static void reply(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
