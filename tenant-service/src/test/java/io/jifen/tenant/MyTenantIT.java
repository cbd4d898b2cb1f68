package io.jifen.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.jifen.tenancy.TenantId;
import io.jifen.testsupport.TestHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

class MyTenantIT extends TenantServiceTestBase {

    @Autowired
    StringRedisTemplate redis;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void shouldUpdateOnlyTheGivenSettingsOfTheCallersTenant() {
        Signup tenant = signUp("patch");
        String token = tenant.token();

        TestHttp.Response patched = api.patch("/api/v1/tenants/me", token, Map.of("name", "Renamed shop",
                "pointsDisplayName", "Stars", "pointsToMoneyRatio", 50.5, "timezone", "Asia/Tokyo"));

        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        JsonNode me = api.get("/api/v1/tenants/me", token).json();
        assertThat(me.get("name").asString()).isEqualTo("Renamed shop");
        assertThat(me.get("pointsDisplayName").asString()).isEqualTo("Stars");
        assertThat(me.get("pointsToMoneyRatio").decimalValue()).isEqualByComparingTo("50.5");
        assertThat(me.get("timezone").asString()).isEqualTo("Asia/Tokyo");
        assertThat(me.get("currency").asString()).isEqualTo("CNY");
        assertThat(jdbc.queryForObject("select payload ->> 'timezone' from outbox_event"
                + " where type = 'tenant.settings-changed' and tenant_id = ?::uuid", String.class, tenant.id()))
                .as("the change is announced, for member-service's birthday clock").isEqualTo("Asia/Tokyo");
    }

    @Test
    void shouldRefuseToPatchTheStatusPlanOrTenantId() {
        Signup tenant = signUp("forbid");
        String token = tenant.token();

        for (String field : List.of("status", "plan", "tenantId", "slug")) {
            TestHttp.Response response = api.patch("/api/v1/tenants/me", token, Map.of(field, "x"));
            assertThat(response.status()).as(field).isEqualTo(400);
            assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo(field);
        }
        assertThat(api.get("/api/v1/tenants/me", token).json().get("status").asString()).isEqualTo("active");
    }

    @Test
    void shouldListEveryInvalidSettingOfAPatch() {
        Signup tenant = signUp("badpatch");

        TestHttp.Response response = api.patch("/api/v1/tenants/me", tenant.token(), Map.of("currency", "cny",
                "locale", "klingon-XX", "pointsToMoneyRatio", -1, "name", ""));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("code").asString()).isEqualTo("validation_failed");
        List<String> fields = new ArrayList<>();
        response.json().get("errors").forEach(error -> fields.add(error.get("field").asString()));
        assertThat(fields).contains("currency", "locale", "pointsToMoneyRatio", "name");
    }

    @Test
    void shouldCreateListAndDeleteApiClientsWhoseTokensStopWhenDeleted() {
        Signup tenant = signUp("clients");
        String token = tenant.token();

        TestHttp.Response created = api.post("/api/v1/tenants/me/api-clients", token,
                Map.of("name", "POS Shanghai", "role", "tenant-staff"));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String clientId = created.json().get("clientId").asString();
        String secret = created.json().get("clientSecret").asString();
        JsonNode staffClaims = claims(tokenOf(clientId, secret));
        assertThat(staffClaims.get("tenant_id").asString()).isEqualTo(tenant.id());
        assertThat(staffClaims.get("roles").toString()).contains("tenant-staff").doesNotContain("tenant-admin");

        TestHttp.Response listed = api.get("/api/v1/tenants/me/api-clients", token);
        assertThat(listed.body()).contains(clientId, tenant.clientId()).doesNotContain(secret);

        TestHttp.Response deleted = api.delete("/api/v1/tenants/me/api-clients/" + clientId, token);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(clientCredentials(clientId, secret).status()).isEqualTo(401);
        assertThat(KeycloakProbe.clientsWithId(clientId)).isZero();
        assertThat(api.get("/api/v1/tenants/me/api-clients", token).body()).doesNotContain(clientId);
        assertThat(redis.opsForSet().isMember("t:{" + new TenantId(java.util.UUID.fromString(tenant.id()))
                + "}:revoked-clients", clientId)).isTrue();
    }

    @Test
    void shouldRefuseAnUnknownRoleForANewApiClient() {
        Signup tenant = signUp("role");

        TestHttp.Response response = api.post("/api/v1/tenants/me/api-clients", tenant.token(),
                Map.of("name", "Root", "role", "platform-admin"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("role");
    }

    @Test
    void shouldNeverLetOneTenantSeeOrDeleteAnothersApiClients() {
        Signup a = signUp("iso-a");
        Signup b = signUp("iso-b");
        String tokenB = b.token();

        TestHttp.Response deleteOther = api.delete("/api/v1/tenants/me/api-clients/" + a.clientId(), tokenB);

        assertThat(deleteOther.status()).isEqualTo(404);
        assertThat(KeycloakProbe.clientsWithId(a.clientId())).isEqualTo(1);
        assertThat(a.token()).isNotBlank();
        assertThat(api.get("/api/v1/tenants/me/api-clients", tokenB).body()).doesNotContain(a.clientId());
        assertThat(api.get("/api/v1/tenants/me", tokenB).json().get("id").asString()).isEqualTo(b.id());
    }

    @Test
    void shouldKeepTenantStaffAwayFromTenantAdministration() {
        Signup tenant = signUp("staff");
        JsonNode staff = api.post("/api/v1/tenants/me/api-clients", tenant.token(),
                Map.of("name", "Till", "role", "tenant-staff")).json();
        String staffToken = tokenOf(staff.get("clientId").asString(), staff.get("clientSecret").asString());

        assertThat(api.get("/api/v1/tenants/me", staffToken).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/tenants/me/api-clients", staffToken,
                Map.of("name", "Escalate", "role", "tenant-admin")).status()).isEqualTo(403);
    }
}
