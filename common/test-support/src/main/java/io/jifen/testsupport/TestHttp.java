package io.jifen.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP calls of a merchant's backend, for tests: JSON in, JSON or an RFC 9457 problem out, with or without a
 * bearer token. One instance per base address (a service, or the gateway).
 */
public final class TestHttp {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;

    public TestHttp(String base) {
        this.base = base;
    }

    public static TestHttp onPort(int port) {
        return new TestHttp("http://127.0.0.1:" + port);
    }

    public Response get(String path, String token) {
        return send(request(base + path, token).GET());
    }

    public Response post(String path, String token, Object body) {
        return send(request(base + path, token).POST(json(body)));
    }

    /** A POST that moves points: it carries an {@code Idempotency-Key}. */
    public Response post(String path, String token, Object body, String idempotencyKey) {
        return send(request(base + path, token).header("Idempotency-Key", idempotencyKey).POST(json(body)));
    }

    public Response put(String path, String token, Object body) {
        return send(request(base + path, token).PUT(json(body)));
    }

    public Response patch(String path, String token, Object body) {
        return send(request(base + path, token).method("PATCH", json(body)));
    }

    public Response delete(String path, String token) {
        return send(request(base + path, token).DELETE());
    }

    /** POSTs a form (a token endpoint, say) and returns the answer, whatever its status. */
    public static Response form(String url, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A request to an absolute URL; a JSON body (a string is sent as is) goes with {@code Content-Type}. */
    public static HttpRequest.Builder request(String url, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json");
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    public static HttpRequest.BodyPublisher json(Object body) {
        return HttpRequest.BodyPublishers.ofString(body instanceof String text ? text : JSON.writeValueAsString(body));
    }

    public static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An answer: status, body, headers (names compared case-insensitively). */
    public record Response(int status, String body, Map<String, List<String>> headers) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        /** The problem's stable {@code code}. */
        public String code() {
            return json().path("code").asString();
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }

        /** Status and body: what an assertion's description needs. */
        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
