package io.jifen.points;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** What the earning rules ITs share: rule writes (PUT, DELETE) and member-service events on the Redis stream. */
abstract class EarningRulesTestBase extends PointsServiceTestBase {

    static final String RULES = "/api/v1/earning-rules";
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
        return api.put(path, token, body);
    }

    Api.Response delete(String path, String token) {
        return api.call("DELETE", path, token, null, null);
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
        return publish(MEMBER_EVENTS, tenant, type, payload);
    }

    boolean processed(String group, UUID eventId) {
        return jdbc.queryForObject("select count(*) from processed_event where consumer = ? and event_id = ?",
                Long.class, group, eventId) == 1;
    }
}
