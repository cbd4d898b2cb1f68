package io.jifen.points;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * QUALITY.md's cross-tenant matrix: every operation of this service's OpenAPI document is called with tenant B's
 * token on tenant A's ids, and must answer 404 and change nothing of A's or B's data. The operations come from
 * {@code /v3/api-docs}, so an endpoint added without a case here fails the test by name: give it a case (the ids and
 * a valid body, so the 404 is the tenant check and not validation) or say why it names no tenant's data.
 */
class CrossTenantMatrixIT extends RewardTestBase {

    /** Operations that name no other tenant's data: what they read or change is always the caller's own. */
    private static final Map<String, String> OWN_DATA_ONLY = Map.ofEntries(
            Map.entry("GET /api/v1/rewards", "lists the caller's rewards"),
            Map.entry("POST /api/v1/rewards", "creates a reward of the caller"),
            Map.entry("GET /api/v1/redemptions", "lists the caller's redemptions"),
            Map.entry("GET /api/v1/earning-rules", "lists the caller's rules"),
            Map.entry("POST /api/v1/earning-rules", "creates a rule of the caller"),
            Map.entry("GET /api/v1/points/settings", "the caller's settings"),
            Map.entry("PUT /api/v1/points/settings", "the caller's settings"),
            Map.entry("GET /api/v1/points/payment-settings", "the caller's settings"),
            Map.entry("PUT /api/v1/points/payment-settings", "the caller's settings"),
            Map.entry("GET /api/v1/points/reviews", "lists the caller's review queue"),
            Map.entry("GET /api/v1/points/expiry-forecast", "the caller's forecast"),
            Map.entry("GET /api/v1/channels", "the caller's channels"),
            Map.entry("GET /api/v1/plugins", "the platform's plugins: not tenant data"),
            Map.entry("POST /api/v1/plugins", "platform-admin upload: not tenant data"),
            Map.entry("PATCH /api/v1/plugins/{pluginId}", "platform-admin: not tenant data"),
            Map.entry("DELETE /api/v1/plugins/{pluginId}", "platform-admin: not tenant data"),
            Map.entry("GET /api/v1/plugins/{pluginId}/channels/{channelId}/enablement", "the caller's enablement"),
            Map.entry("PUT /api/v1/plugins/{pluginId}/channels/{channelId}/enablement", "the caller's enablement"));

    // The class shares one instance between its tests (PER_CLASS): each test gets fresh tenants.
    private Tenant a;
    private Tenant b;

    @BeforeEach
    void freshTenants() {
        a = newTenant();
        b = newTenant();
    }

    @Test
    void shouldAnswer404AndChangeNothingWhenTenantBNamesTenantAsData() {
        World world = tenantAsWorld();
        Map<String, Call> cases = cases(world);
        List<String> missing = new ArrayList<>();
        List<String> leaks = new ArrayList<>();
        String aBefore = snapshot(a.id());
        String bBefore = snapshot(b.id());

        for (String operation : operations()) {
            Call call = cases.get(operation);
            if (call == null) {
                if (!OWN_DATA_ONLY.containsKey(operation)) {
                    missing.add(operation);
                }
                continue;
            }
            String method = operation.substring(0, operation.indexOf(' '));
            Api.Response response = api.call(method, call.path, b.adminToken(), key(), call.body);
            if (response.status() != call.status
                    || (call.mustContain != null && !response.body().contains(call.mustContain))) {
                leaks.add(operation + " → " + response);
            }
        }

        assertThat(missing).as("operations without a cross-tenant case (add one to cases())").isEmpty();
        assertThat(leaks).as("tenant B reached tenant A's data").isEmpty();
        assertThat(snapshot(a.id())).as("tenant A's data after B's calls").isEqualTo(aBefore);
        assertThat(snapshot(b.id())).as("tenant B's data after its refused calls").isEqualTo(bBefore);
        for (String listing : List.of("/api/v1/rewards", "/api/v1/redemptions", "/api/v1/earning-rules",
                "/api/v1/points/reviews", "/api/v1/redemptions?memberId=" + world.member)) {
            String body = api.get(listing, b.adminToken()).body();
            for (String id : world.ids()) {
                assertThat(body).as(listing + " listed to B").doesNotContain(id);
            }
        }
    }

    /**
     * QUALITY.md's mass assignment: {@code tenantId}, {@code balance}, {@code status} or {@code points} smuggled into
     * any write body (the cases above plus the writes on the caller's own data) → 400, nothing stored.
     */
    @Test
    void shouldRefuseSmuggledFieldsInEveryWriteBodyAndStoreNothing() {
        World world = tenantAsWorld();
        Map<String, Call> writes = writes(world);
        String before = snapshot(a.id());
        List<String> accepted = new ArrayList<>();

        for (Map.Entry<String, Call> write : writes.entrySet()) {
            String method = write.getKey().substring(0, write.getKey().indexOf(' '));
            if (method.equals("GET") || method.equals("DELETE") || !(write.getValue().body instanceof Map<?, ?> body)
                    || body.isEmpty()) {
                continue; // no body to smuggle into (an empty one stands for "no body")
            }
            for (Map.Entry<String, Object> smuggled : Map.<String, Object>of("tenantId", b.id().toString(),
                    "balance", 1_000_000, "status", "active", "points", 1_000_000).entrySet()) {
                if (body.containsKey(smuggled.getKey())) {
                    continue;
                }
                Map<Object, Object> tampered = new LinkedHashMap<>(body);
                tampered.put(smuggled.getKey(), smuggled.getValue());
                Api.Response response = api.call(method, write.getValue().path, a.adminToken(), key(), tampered);
                if (response.status() != 400) {
                    accepted.add(write.getKey() + " with " + smuggled.getKey() + " → " + response);
                }
            }
        }

        assertThat(accepted).as("writes that took a smuggled field").isEmpty();
        assertThat(snapshot(a.id())).as("tenant A's data after the refused writes").isEqualTo(before);
    }

    /**
     * QUALITY.md's bad input, over every write body: each field in turn replaced by zero, a negative, a huge and a
     * non-numeric number, an oversize string, a wrong type, and the whole body by deeply nested JSON. A value the
     * endpoint may accept can succeed; everything else must be a 4xx problem with a stable code — never a 5xx.
     */
    @Test
    void shouldAnswerEveryMalformedValueWithA4xxProblemAndNever5xx() {
        World world = tenantAsWorld();
        List<Object> values = List.of(0, -1, new BigDecimal("1e30"), "ten", "x".repeat(100_000), List.of(1),
                Map.of("nested", true));
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Call> write : writes(world).entrySet()) {
            String method = write.getKey().substring(0, write.getKey().indexOf(' '));
            if (!(write.getValue().body instanceof Map<?, ?> body) || body.isEmpty()) {
                continue;
            }
            List<Object> bodies = new ArrayList<>();
            for (Object field : body.keySet()) {
                for (Object value : values) {
                    Map<Object, Object> bad = new LinkedHashMap<>(body);
                    bad.put(field, value);
                    bodies.add(bad);
                }
            }
            bodies.add("[".repeat(5000) + "]".repeat(5000));
            bodies.add("{\"truncated\": ");
            for (Object bad : bodies) {
                Api.Response response = api.call(method, write.getValue().path, a.adminToken(), key(), bad);
                boolean problem = response.status() >= 400 && response.status() < 500
                        && response.contentType().startsWith("application/problem+json")
                        && !response.json().path("code").asString().isEmpty();
                if (response.status() >= 500 || (response.status() >= 400 && !problem)) {
                    String shown = bad instanceof String text ? text.substring(0, Math.min(40, text.length()))
                            : bad.toString().substring(0, Math.min(200, bad.toString().length()));
                    failures.add(write.getKey() + " " + shown + " → " + response.status() + " "
                            + response.body().substring(0, Math.min(200, response.body().length())));
                }
            }
        }
        assertThat(failures).as("malformed values not answered with a 4xx problem").isEmpty();
    }

    /** Every write with a body: the cross-tenant cases plus the writes on the caller's own data. */
    private Map<String, Call> writes(World world) {
        Map<String, Call> writes = new LinkedHashMap<>(cases(world));
        writes.put("POST /api/v1/rewards", new Call("/api/v1/rewards", reward("goods", 5)));
        writes.put("POST /api/v1/earning-rules", new Call("/api/v1/earning-rules",
                EarningRulesTestBase.spendRule("smuggler", 1, "1.00")));
        writes.put("PUT /api/v1/points/settings", new Call("/api/v1/points/settings", PointsPolicy.defaults().body()));
        writes.put("PUT /api/v1/points/payment-settings", new Call("/api/v1/points/payment-settings",
                Map.of("pointsPerUnit", 100, "maxShare", new BigDecimal("0.5"))));
        writes.keySet().removeIf(operation -> operation.startsWith("GET ") || operation.startsWith("DELETE "));
        return writes;
    }

    /** Tenant A with one of everything. */
    private World tenantAsWorld() {
        UUID member = newMember(a);
        UUID other = newMember(a);
        earn(a, member, 500);
        UUID reward = createReward(a, reward("goods", 10));
        UUID redemption = idOf(redeem(a, member, reward));
        Api.Response rule = api.post("/api/v1/earning-rules", a.adminToken(), null,
                EarningRulesTestBase.spendRule("matrix-rule", 1, "10.00"));
        assertThat(rule.status()).as(rule.toString()).isEqualTo(201);
        Api.Response payment = api.post("/api/v1/points/payments", a.adminToken(), key(),
                Map.of("memberId", member.toString(), "orderId", "pay-1", "points", 100));
        assertThat(payment.status()).as(payment.toString()).isIn(200, 201);
        PointsPolicy.defaults().velocity(null, 10L).applyTo(api, a);
        assertThat(recordPurchase(a, member, "held-1", "50.00").status()).isEqualTo(201);
        JsonNode reviews = api.get("/api/v1/points/reviews?status=open", a.adminToken()).json().path("items");
        assertThat(reviews).hasSize(1);
        return new World(member, other, "held-1", reward, redemption,
                UUID.fromString(rule.json().path("id").asString()), reviews.get(0).path("id").asString());
    }

    private Map<String, Call> cases(World w) {
        String m = "/api/v1/members/" + w.member;
        Map<String, Call> cases = new LinkedHashMap<>();
        cases.put("GET /api/v1/members/{memberId}/points", new Call(m + "/points", null));
        cases.put("GET /api/v1/members/{memberId}/points/entries", new Call(m + "/points/entries", null));
        cases.put("GET /api/v1/members/{memberId}/points/expiry-forecast", new Call(m + "/points/expiry-forecast", null));
        cases.put("POST /api/v1/purchases", new Call("/api/v1/purchases", purchase(w.member, "b-order", "10.00")));
        cases.put("POST /api/v1/purchases/batch", new Call("/api/v1/purchases/batch", Map.of("purchases",
                List.of(purchase(w.member, "b-batch-order", "10.00"))), 200, "\"code\":\"member_not_found\""));
        cases.put("POST /api/v1/purchases/{orderId}/refunds", new Call("/api/v1/purchases/" + w.order + "/refunds",
                Map.of("refundId", "b-refund", "amount", new BigDecimal("1.00"))));
        cases.put("POST /api/v1/points/adjustments", new Call("/api/v1/points/adjustments",
                Map.of("memberId", w.member.toString(), "points", 5, "reason", "b")));
        cases.put("POST /api/v1/points/transfers", new Call("/api/v1/points/transfers", Map.of(
                "fromMemberId", w.member.toString(), "toMemberId", w.other.toString(), "points", 1)));
        cases.put("GET /api/v1/rewards/{id}", new Call("/api/v1/rewards/" + w.reward, null));
        cases.put("PUT /api/v1/rewards/{id}", new Call("/api/v1/rewards/" + w.reward, reward("goods", 1)));
        cases.put("POST /api/v1/rewards/{id}/coupon-codes", new Call("/api/v1/rewards/" + w.reward + "/coupon-codes",
                Map.of("codes", List.of("B-CODE-1"))));
        cases.put("POST /api/v1/redemptions", new Call("/api/v1/redemptions", Map.of("memberId", w.member.toString(),
                "rewardId", w.reward.toString(), "quantity", 1)));
        cases.put("GET /api/v1/redemptions/{id}", new Call("/api/v1/redemptions/" + w.redemption, null));
        cases.put("POST /api/v1/redemptions/{id}/cancel", new Call("/api/v1/redemptions/" + w.redemption + "/cancel",
                null));
        cases.put("POST /api/v1/redemptions/{id}/fulfilment", new Call("/api/v1/redemptions/" + w.redemption
                + "/fulfilment", Map.of("status", "shipped")));
        cases.put("GET /api/v1/earning-rules/{id}", new Call("/api/v1/earning-rules/" + w.rule, null));
        cases.put("PUT /api/v1/earning-rules/{id}", new Call("/api/v1/earning-rules/" + w.rule,
                EarningRulesTestBase.spendRule("matrix-rule", 5, "1.00")));
        cases.put("DELETE /api/v1/earning-rules/{id}", new Call("/api/v1/earning-rules/" + w.rule, null));
        cases.put("POST /api/v1/earning-rules/simulate", new Call("/api/v1/earning-rules/simulate", Map.of(
                "memberId", w.member.toString(), "amount", new BigDecimal("10.00"), "currency", "EUR")));
        cases.put("POST /api/v1/events", new Call("/api/v1/events", Map.of("type", "review-written",
                "memberId", w.member.toString(), "eventId", "b-event")));
        cases.put("POST /api/v1/channels/{channelId}/events", new Call("/api/v1/channels/checkin/events", Map.of(
                "memberId", w.member.toString(), "eventId", "b-checkin")));
        cases.put("POST /api/v1/points/reviews/{id}/approve", new Call("/api/v1/points/reviews/" + w.review
                + "/approve", Map.of("reason", "b")));
        cases.put("POST /api/v1/points/reviews/{id}/reject", new Call("/api/v1/points/reviews/" + w.review
                + "/reject", Map.of("reason", "b")));
        cases.put("POST /api/v1/points/payment-quotes", new Call("/api/v1/points/payment-quotes", Map.of(
                "memberId", w.member.toString(), "orderAmount", new BigDecimal("10.00"), "currency", "EUR")));
        cases.put("POST /api/v1/points/payments", new Call("/api/v1/points/payments", Map.of(
                "memberId", w.member.toString(), "orderId", "b-pay", "points", 1)));
        cases.put("GET /api/v1/points/payments/{orderId}", new Call("/api/v1/points/payments/pay-1", null));
        cases.put("POST /api/v1/points/payments/{orderId}/reversal", new Call("/api/v1/points/payments/pay-1/reversal",
                Map.of()));
        cases.put("POST /api/v1/points/imports", new Call("/api/v1/points/imports", Map.of("balances", List.of(
                Map.of("memberId", w.member.toString(), "points", 10))), 200, "\"code\":\"member_not_found\""));
        return cases;
    }

    /** "METHOD /path" of every operation in the service's OpenAPI document. */
    private Set<String> operations() {
        JsonNode paths = api.get("/v3/api-docs", a.adminToken()).json().path("paths");
        Set<String> operations = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            for (Iterator<String> methods = path.getValue().propertyNames().iterator(); methods.hasNext(); ) {
                String method = methods.next();
                if (Set.of("get", "put", "post", "delete", "patch").contains(method)) {
                    operations.add(method.toUpperCase() + " " + path.getKey());
                }
            }
        }
        assertThat(operations).as("the OpenAPI document lists the service's operations").hasSizeGreaterThan(20);
        return operations;
    }

    /**
     * Every row of every tenant-scoped table for one tenant, as one fingerprint per table; stored Idempotency-Key
     * replies are left out (a completed call keeps its reply for retries, e.g. an import's report refusing a row), and
     * so is the outbox's delivery bookkeeping ({@code sent_at}, {@code attempts}, {@code last_error}): the relay
     * publishing an earlier event changes no tenant data.
     */
    private String snapshot(UUID tenant) {
        List<String> tables = jdbc.queryForList("""
                select table_name from information_schema.columns
                where table_schema = 'public' and column_name = 'tenant_id' and table_name <> 'idempotency_key'
                order by table_name""", String.class);
        Map<String, String> fingerprints = new TreeMap<>();
        for (String table : tables) {
            fingerprints.put(table, jdbc.queryForObject("select count(*) || ':' || "
                    + "coalesce(md5(string_agg(r, ',' order by r)), '') from (select (to_jsonb(t) - "
                    + "array['sent_at', 'attempts', 'last_error'])::text r from \"" + table + "\" t "
                    + "where tenant_id = ?) rows", String.class, tenant));
        }
        return fingerprints.toString();
    }

    /**
     * A call and what B must get: 404, or for a bulk import or purchase batch a report that refuses the row (nothing
     * written).
     */
    private record Call(String path, Object body, int status, String mustContain) {

        Call(String path, Object body) {
            this(path, body, 404, null);
        }
    }

    private record World(UUID member, UUID other, String order, UUID reward, UUID redemption, UUID rule,
            String review) {

        List<String> ids() {
            return List.of(member.toString(), other.toString(), reward.toString(), redemption.toString(),
                    rule.toString(), review);
        }
    }
}
