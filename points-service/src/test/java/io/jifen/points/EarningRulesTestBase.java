package io.jifen.points;

import static org.assertj.core.api.Assertions.assertThat;

import io.jifen.testsupport.TestInfra;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;

/** What the earning rules ITs share: rule writes (PUT, DELETE) and member-service events on the Redis stream. */
abstract class EarningRulesTestBase extends PointsServiceTestBase {

    static final String RULES = "/api/v1/earning-rules";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RedisClient redis;

    @AfterAll
    void closeRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    /** Creates a rule (201 expected) and answers its id. */
    UUID createRule(Tenant tenant, Map<String, Object> rule) {
        Api.Response response = api.post(RULES, tenant.adminToken(), null, rule);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return UUID.fromString(response.json().path("id").asString());
    }

    UUID ruleId(Tenant tenant, String code) {
        for (var rule : api.get(RULES, tenant.adminToken()).json().path("items")) {
            if (rule.path("code").asString().equals(code)) {
                return UUID.fromString(rule.path("id").asString());
            }
        }
        throw new AssertionError("No rule " + code);
    }

    Api.Response put(String path, String token, Object body) {
        return send(HttpRequest.newBuilder(uri(path)).PUT(HttpRequest.BodyPublishers.ofString(
                body instanceof String text ? text : Api.JSON.writeValueAsString(body))), token);
    }

    Api.Response delete(String path, String token) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE(), token);
    }

    static Map<String, Object> spendRule(String code, long points, String per) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("code", code);
        rule.put("name", code);
        rule.put("type", "spend");
        rule.put("points", points);
        rule.put("per", new java.math.BigDecimal(per));
        return rule;
    }

    static Map<String, Object> eventRule(String code, String trigger, long points) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("code", code);
        rule.put("name", code);
        rule.put("type", "event");
        rule.put("trigger", trigger);
        rule.put("points", points);
        return rule;
    }

    static Map<String, Object> multiplierRule(String code, String factor) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("code", code);
        rule.put("name", code);
        rule.put("type", "multiplier");
        rule.put("factor", new java.math.BigDecimal(factor));
        return rule;
    }

    /** An event as member-service's outbox relay writes it; answers its envelope id. */
    UUID publish(Tenant tenant, String type, Map<String, Object> payload) {
        if (redis == null) {
            redis = RedisClient.builder().fromURI(TestInfra.redis().url()).build();
        }
        UUID id = UUID.randomUUID();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("id", id.toString());
        fields.put("type", type);
        fields.put("tenantId", tenant.id().toString());
        fields.put("occurredAt", Instant.now().toString());
        fields.put("version", "1");
        fields.put("payload", Api.JSON.writeValueAsString(payload));
        redis.xadd("jifen:events:member-service", StreamEntryID.NEW_ENTRY, fields);
        return id;
    }

    boolean processed(String group, UUID eventId) {
        return jdbc.queryForObject("select count(*) from processed_event where consumer = ? and event_id = ?",
                Long.class, group, eventId) == 1;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static Api.Response send(HttpRequest.Builder request, String token) {
        request.timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Api.Response(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
