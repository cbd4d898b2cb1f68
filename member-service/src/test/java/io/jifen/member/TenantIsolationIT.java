package io.jifen.member;

import static org.assertj.core.api.Assertions.assertThat;

import io.jifen.testsupport.TestHttp;
import io.jifen.testsupport.TestIdentities;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TenantIsolationIT extends MemberServiceTestBase {

    @Test
    void shouldAnswerNotFoundToAnotherTenantOnEveryEndpointWithAMemberAndChangeNothing() {
        Tenant a = newTenant();
        Tenant b = newTenant();
        Map<String, Object> body = memberBody("Tenant A customer");
        body.put("externalId", unique("iso-"));
        body.put("phone", uniquePhone());
        JsonNode member = register(a, body);
        String id = member.get("id").asString();
        String card = member.get("cardNumber").asString();
        String m = "/api/v1/members/" + id;

        List<TestHttp.Response> responses = List.of(
                api.get(m, b.admin()),
                api.patch(m, b.admin(), Map.of("name", "Hijacked")),
                api.delete(m, b.admin()),
                api.post(m + "/freeze", b.admin(), Map.of()),
                api.post(m + "/unfreeze", b.admin(), Map.of()),
                api.post(m + "/close", b.admin(), Map.of()),
                api.get(m + "/cards", b.admin()),
                api.post(m + "/cards/" + card + "/report-loss", b.admin(), Map.of()),
                api.post(m + "/cards/" + card + "/reissue", b.admin(), Map.of()),
                api.get(m + "/tier", b.admin()),
                api.get(m + "/tier/history", b.admin()),
                api.post(m + "/tier", b.admin(), Map.of("tierCode", "member", "reason", "x", "mode", "one-off")),
                api.get("/api/v1/members/by-external-id/" + body.get("externalId"), b.admin()),
                api.get("/api/v1/members/by-phone/" + body.get("phone").toString().replace("+", "%2B"), b.admin()),
                api.get("/api/v1/members/by-card/" + card, b.admin()));

        assertThat(responses).allSatisfy(response -> {
            assertThat(response.status()).as(response.toString()).isEqualTo(404);
            assertThat(response.json().get("code").asString()).isEqualTo("not_found");
        });
        assertThat(api.get("/api/v1/members", b.admin()).json().get("totalElements").asLong()).isZero();
        JsonNode unchanged = api.get(m, a.staff()).json();
        assertThat(unchanged.get("name").asString()).isEqualTo("Tenant A customer");
        assertThat(unchanged.get("status").asString()).isEqualTo("active");
        assertThat(unchanged.get("cardNumber").asString()).isEqualTo(card);
    }

    @Test
    void shouldRefuseCallersWithoutATenantRole() {
        String tenant = java.util.UUID.randomUUID().toString();
        String integrator = TestIdentities.tenantToken(String.valueOf(tenant), "integrator");

        assertThat(api.get("/api/v1/members", integrator).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/members", integrator, memberBody("x")).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/members", null).status()).isEqualTo(401);
    }
}
