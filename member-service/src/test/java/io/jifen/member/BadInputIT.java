package io.jifen.member;

import static org.assertj.core.api.Assertions.assertThat;

import io.jifen.testsupport.TestHttp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BadInputIT extends MemberServiceTestBase {

    @Test
    void shouldAnswerEveryMalformedRegistrationWithABadRequestProblem() {
        Tenant tenant = newTenant();
        List<Object> bodies = List.of(
                "{", "[]", "\"text\"", "{\"name\": 5, \"tags\": \"vip\"}", "{\"name\": {\"deep\": 1}}",
                Map.of("name", "x".repeat(101)), Map.of("name", "  "), Map.of(),
                Map.of("name", "A", "tenantId", java.util.UUID.randomUUID().toString()),
                Map.of("name", "A", "status", "closed"), Map.of("name", "A", "balance", 1000),
                Map.of("name", "A", "phone", "call me"), Map.of("name", "A", "email", "not-an-email"),
                Map.of("name", "A", "birthday", "2999-01-01"), Map.of("name", "A", "birthday", "yesterday"),
                Map.of("name", "A", "gender", "robot"), Map.of("name", "A", "externalId", "a/b"),
                Map.of("name", "A", "cardNumber", "1"), Map.of("name", "A", "address", "y".repeat(501)),
                Map.of("name", "A", "tags", java.util.Collections.nCopies(21, "t")),
                Map.of("name", "A", "attributes", Map.of("k", List.of(1))),
                "{\"name\": \"A\", \"birthday\": 19900101}",
                "[".repeat(5000) + "]".repeat(5000));

        for (Object body : bodies) {
            TestHttp.Response response = api.post("/api/v1/members", tenant.staff(), body);
            assertThat(response.status()).as(body.toString().substring(0, Math.min(80, body.toString().length())))
                    .isEqualTo(400);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.json().get("code").asString()).isNotBlank();
        }
    }

    @Test
    void shouldAnswerEveryMalformedPatchWithABadRequestProblem() {
        Tenant tenant = newTenant();
        String id = register(tenant).get("id").asString();
        List<Object> bodies = List.of("[]", "\"x\"", "{", "{\"name\": [1]}", "{\"birthday\": true}",
                "{\"tags\": {\"a\": 1}}", Map.of("phone", "12"), Map.of("email", "@"),
                Map.of("address", "z".repeat(501)), Map.of("balance", 5), Map.of("tenantId", "x"));

        for (Object body : bodies) {
            TestHttp.Response response = api.patch("/api/v1/members/" + id, tenant.staff(), body);
            assertThat(response.status()).as(body + " " + response).isEqualTo(400);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(api.get("/api/v1/members/" + id, tenant.staff()).json().get("name").asString()).isEqualTo("Li Lei");
    }

    @Test
    void shouldRefuseBadParametersAndBadIdsWithoutAServerError() {
        Tenant tenant = newTenant();
        List<String> paths = List.of("/api/v1/members/not-a-uuid", "/api/v1/members?size=0",
                "/api/v1/members?size=100000", "/api/v1/members?page=-1", "/api/v1/members?page=abc",
                "/api/v1/members?status=sleeping", "/api/v1/members?joinedFrom=yesterday",
                "/api/v1/members?q=" + "q".repeat(101), "/api/v1/members/by-card/" + "9".repeat(40));

        for (String path : paths) {
            TestHttp.Response response = api.get(path, tenant.staff());
            assertThat(response.status()).as(path + " " + response).isBetween(400, 404);
            assertThat(response.json().get("code").asString()).isNotBlank();
        }
    }

    @Test
    void shouldRefuseBadTierLaddersAndAssignments() {
        Tenant tenant = newTenant();
        String id = register(tenant).get("id").asString();
        Map<String, Object> benefits = new HashMap<>(Map.of("pointsMultiplier", -1, "discountPercent", 500,
                "birthdayBonus", -5, "perks", List.of()));
        List<Object> ladders = List.of(Map.of(), Map.of("tiers", List.of(), "qualification", Map.of()),
                Map.of("tiers", List.of(Map.of("code", "a", "name", "A", "threshold", 0, "benefits", benefits)),
                        "qualification", Map.of("basis", "rolling", "windowMonths", 12, "downgradePolicy", "never",
                                "graceDays", 0)),
                Map.of("tiers", List.of(Map.of("code", "a", "name", "A", "threshold", "lots")),
                        "qualification", Map.of("basis", "weekly")),
                "{\"tiers\": [{\"code\": \"a\", \"name\": \"A\", \"threshold\": 1e400}]}");

        for (Object ladder : ladders) {
            TestHttp.Response response = api.put("/api/v1/tiers", tenant.admin(), ladder);
            assertThat(response.status()).as(ladder + " " + response).isEqualTo(400);
        }
        assertThat(api.post("/api/v1/members/" + id + "/tier", tenant.admin(),
                Map.of("tierCode", "member", "reason", "r".repeat(201), "mode", "floor")).status()).isEqualTo(400);
        assertThat(api.put("/api/v1/members/settings", tenant.admin(),
                Map.of("requiredProfileFields", List.of("password"), "cardPrefix", "abc")).json()
                .get("errors")).hasSize(2);
    }
}
