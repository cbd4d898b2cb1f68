package io.jifen.member;

import static org.assertj.core.api.Assertions.assertThat;

import io.jifen.testsupport.TestHttp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class MemberProfileIT extends MemberServiceTestBase {

    @Test
    void shouldRejectPatchesOfTenantIdStatusTierAndBalance() {
        Tenant tenant = newTenant();
        String id = register(tenant).get("id").asString();

        for (String field : List.of("tenantId", "status", "tier", "balance", "points", "cardNumber", "id")) {
            TestHttp.Response response = api.patch("/api/v1/members/" + id, tenant.staff(), Map.of(field, "x"));
            assertThat(response.status()).as(field).isEqualTo(400);
            assertThat(response.json().get("code").asString()).isEqualTo("unknown_field");
            assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo(field);
        }
        JsonNode member = api.get("/api/v1/members/" + id, tenant.staff()).json();
        assertThat(member.get("status").asString()).isEqualTo("active");
        assertThat(member.get("tier").get("code").asString()).isEqualTo("member");
    }

    @Test
    void shouldPatchOnlyTheGivenFieldsAndClearThoseSentAsNull() {
        Tenant tenant = newTenant();
        Map<String, Object> body = memberBody("Before");
        body.put("email", unique("p") + "@example.com");
        body.put("address", "1 Nanjing Road");
        String id = register(tenant, body).get("id").asString();
        Map<String, Object> patch = new HashMap<>();
        patch.put("name", "After");
        patch.put("address", null);

        TestHttp.Response patched = api.patch("/api/v1/members/" + id, tenant.staff(), patch);

        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.json().get("name").asString()).isEqualTo("After");
        assertThat(patched.json().get("email").asString()).isEqualTo(body.get("email"));
        assertThat(patched.json().get("address").isNull()).isTrue();
        Map<String, Object> noName = new HashMap<>();
        noName.put("name", null);
        assertThat(api.patch("/api/v1/members/" + id, tenant.staff(), noName).json().get("code").asString())
                .isEqualTo("validation_failed");
    }

    @Test
    void shouldEmitProfileCompletedOnceWhenTheRequiredFieldsBecomeFilled() {
        Tenant tenant = newTenant();
        TestHttp.Response settings = api.put("/api/v1/members/settings", tenant.admin(),
                Map.of("requiredProfileFields", List.of("name", "email"), "cardPrefix", "66"));
        assertThat(settings.status()).as(settings.toString()).isEqualTo(200);
        JsonNode member = register(tenant);
        String id = member.get("id").asString();
        assertThat(member.get("cardNumber").asString()).startsWith("66");
        assertThat(member.get("profileCompleted").asBoolean()).isFalse();

        api.patch("/api/v1/members/" + id, tenant.staff(), Map.of("email", unique("c") + "@example.com"));
        Map<String, Object> clear = new HashMap<>();
        clear.put("email", null);
        api.patch("/api/v1/members/" + id, tenant.staff(), clear);
        api.patch("/api/v1/members/" + id, tenant.staff(), Map.of("email", unique("d") + "@example.com"));

        assertThat(outboxPayloads("member.profile-completed", id)).hasSize(1);
        assertThat(api.get("/api/v1/members/" + id, tenant.staff()).json().get("profileCompleted").asBoolean())
                .isTrue();
        assertThat(api.put("/api/v1/members/settings", tenant.staff(),
                Map.of("requiredProfileFields", List.of(), "cardPrefix", "1")).status()).isEqualTo(403);
    }

    @Test
    void shouldListMembersByStatusTagAndTextSearch() {
        Tenant tenant = newTenant();
        Map<String, Object> alice = memberBody("Alice Wang");
        alice.put("tags", List.of("vip"));
        alice.put("email", "ALICE@shop.example");
        String aliceId = register(tenant, alice).get("id").asString();
        register(tenant, memberBody("Bob Zhang"));
        String frozenId = register(tenant, memberBody("Carol Li")).get("id").asString();
        api.post("/api/v1/members/" + frozenId + "/freeze", tenant.staff(), Map.of());

        assertThat(ids("/api/v1/members?tag=vip", tenant)).containsExactly(aliceId);
        assertThat(ids("/api/v1/members?q=alice%40SHOP", tenant)).containsExactly(aliceId);
        assertThat(ids("/api/v1/members?q=wang", tenant)).containsExactly(aliceId);
        assertThat(ids("/api/v1/members?status=frozen", tenant)).containsExactly(frozenId);
        assertThat(ids("/api/v1/members?tier=member&size=2", tenant)).hasSize(2);
        assertThat(api.get("/api/v1/members?size=2&page=1", tenant.staff()).json().get("totalElements").asLong())
                .isEqualTo(3);
        assertThat(ids("/api/v1/members?joinedFrom=2000-01-01T00:00:00Z&joinedTo=2001-01-01T00:00:00Z", tenant))
                .isEmpty();
    }

    @Test
    void shouldFreezeUnfreezeCloseAndEraseAMember() {
        Tenant tenant = newTenant();
        Map<String, Object> body = memberBody("Erase Me");
        body.put("externalId", unique("gdpr-"));
        body.put("phone", uniquePhone());
        JsonNode member = register(tenant, body);
        String id = member.get("id").asString();

        assertThat(api.post("/api/v1/members/" + id + "/freeze", tenant.staff(), Map.of()).json()
                .get("status").asString()).isEqualTo("frozen");
        assertThat(api.post("/api/v1/members/" + id + "/freeze", tenant.staff(), Map.of()).json()
                .get("code").asString()).isEqualTo("invalid_status_transition");
        assertThat(api.post("/api/v1/members/" + id + "/unfreeze", tenant.staff(), Map.of()).json()
                .get("status").asString()).isEqualTo("active");
        assertThat(outboxPayloads("member.status-changed", id)).hasSize(2);

        assertThat(api.delete("/api/v1/members/" + id, tenant.staff()).status()).isEqualTo(204);
        assertThat(api.delete("/api/v1/members/" + id, tenant.staff()).status()).isEqualTo(204);

        JsonNode erased = api.get("/api/v1/members/" + id, tenant.staff()).json();
        assertThat(erased.get("name").asString()).isEqualTo("erased");
        assertThat(erased.get("phone").isNull()).isTrue();
        assertThat(erased.get("externalId").isNull()).isTrue();
        assertThat(erased.get("status").asString()).isEqualTo("closed");
        assertThat(outboxPayloads("member.erased", id)).hasSize(1);
        assertThat(api.get("/api/v1/members/by-card/" + member.get("cardNumber").asString(), tenant.staff())
                .status()).isEqualTo(410);
        assertThat(api.patch("/api/v1/members/" + id, tenant.staff(), Map.of("name", "Back")).json()
                .get("code").asString()).isEqualTo("member_closed");
        // The erased member's phone and external id are free again.
        assertThat(api.post("/api/v1/members", tenant.staff(), body).status()).isEqualTo(201);
    }

    private List<String> ids(String path, Tenant tenant) {
        TestHttp.Response response = api.get(path, tenant.staff());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<String> ids = new java.util.ArrayList<>();
        response.json().get("items").forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }
}
