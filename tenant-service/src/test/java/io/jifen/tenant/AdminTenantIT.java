package io.jifen.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jifen.testsupport.TestHttp;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

class AdminTenantIT extends TenantServiceTestBase {

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void shouldPublishTheStateOfANewTenantWithTheFreePlansQuotas() {
        Signup tenant = signUp("state");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(state(tenant))
                .containsEntry("status", "active").containsEntry("plan", "free").containsEntry("rps", "20")
                .containsEntry("burst", "40").containsEntry("maxMembers", "1000").containsEntry("maxPlugins", "1")
                .containsKey("updatedAt"));
    }

    @Test
    void shouldSuspendAndResumeATenantAndPublishItsStateAtOnce() {
        Signup tenant = signUp("suspend");
        String admin = platformAdminToken();

        TestHttp.Response suspended = api.post("/api/v1/admin/tenants/" + tenant.id() + "/suspend", admin,
                Map.of("reason", "Unpaid invoice"));

        assertThat(suspended.status()).as(suspended.toString()).isEqualTo(200);
        assertThat(suspended.json().get("status").asString()).isEqualTo("suspended");
        assertThat(suspended.json().get("suspendedReason").asString()).isEqualTo("Unpaid invoice");
        assertThat(state(tenant)).containsEntry("status", "suspended");
        assertThat(events("tenant.suspended", tenant)).isEqualTo(1);

        TestHttp.Response again = api.post("/api/v1/admin/tenants/" + tenant.id() + "/suspend", admin,
                Map.of("reason", "Twice"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(events("tenant.suspended", tenant)).isEqualTo(1);

        TestHttp.Response resumed = api.post("/api/v1/admin/tenants/" + tenant.id() + "/resume", admin, Map.of());

        assertThat(resumed.json().get("status").asString()).isEqualTo("active");
        assertThat(state(tenant)).containsEntry("status", "active");
        assertThat(events("tenant.resumed", tenant)).isEqualTo(1);
    }

    @Test
    void shouldChangeAPlanAndPublishItsQuotas() {
        Signup tenant = signUp("plan");
        String admin = platformAdminToken();

        TestHttp.Response changed = api.put("/api/v1/admin/tenants/" + tenant.id() + "/plan", admin,
                Map.of("plan", "enterprise"));

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().get("plan").asString()).isEqualTo("enterprise");
        assertThat(state(tenant)).containsEntry("plan", "enterprise").containsEntry("rps", "5000")
                .containsEntry("burst", "10000").containsEntry("maxMembers", "").containsEntry("maxPlugins", "50");
        assertThat(events("tenant.plan-changed", tenant)).isEqualTo(1);
        TestHttp.Response unknown = api.put("/api/v1/admin/tenants/" + tenant.id() + "/plan", admin,
                Map.of("plan", "platinum"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("code").asString()).isEqualTo("validation_failed");
    }

    @Test
    void shouldListAndFilterTenantsWithTheirUsage() {
        Signup first = signUp("list");
        Signup second = signUp("list");
        String admin = platformAdminToken();
        api.put("/api/v1/admin/tenants/" + second.id() + "/plan", admin, Map.of("plan", "standard"));

        JsonNode page = api.get("/api/v1/admin/tenants?plan=standard&status=active&q=" + second.slug(), admin).json();

        assertThat(page.get("totalElements").asLong()).isEqualTo(1);
        JsonNode item = page.get("items").get(0);
        assertThat(item.get("id").asString()).isEqualTo(second.id());
        assertThat(item.get("memberCount").asLong()).isZero();
        assertThat(item.get("pointsLiability").asLong()).isZero();
        assertThat(item.get("apiCallsToday").asLong()).isZero();
        assertThat(item.has("createdAt")).isTrue();
        JsonNode byName = api.get("/api/v1/admin/tenants?size=5&q=" + first.slug().toUpperCase(), admin).json();
        assertThat(byName.get("items").get(0).get("slug").asString()).isEqualTo(first.slug());
        assertThat(api.get("/api/v1/admin/tenants/" + first.id(), admin).json().get("slug").asString())
                .isEqualTo(first.slug());
        assertThat(api.get("/api/v1/admin/tenants?size=500", admin).status()).isEqualTo(400);
    }

    @Test
    void shouldKeepTenantAdminsOutOfThePlatformAdminEndpoints() {
        Signup tenant = signUp("noadmin");
        String token = tenant.token();

        assertThat(api.get("/api/v1/admin/tenants", token).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/admin/tenants/" + tenant.id() + "/suspend", token,
                Map.of("reason", "self")).status()).isEqualTo(403);
        assertThat(api.put("/api/v1/admin/tenants/" + tenant.id() + "/plan", token,
                Map.of("plan", "enterprise")).status()).isEqualTo(403);
    }

    @Test
    void shouldRepublishAStateHashThatRedisLost() {
        Signup tenant = signUp("heal");
        await().atMost(Duration.ofSeconds(10)).until(() -> !state(tenant).isEmpty());

        redis.delete(stateKey(tenant));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(state(tenant))
                .containsEntry("status", "active"));
    }

    private Map<Object, Object> state(Signup tenant) {
        return redis.opsForHash().entries(stateKey(tenant));
    }

    private static String stateKey(Signup tenant) {
        return "t:{" + tenant.id() + "}:state";
    }

    private long events(String type, Signup tenant) {
        return jdbc.queryForObject("select count(*) from outbox_event where type = ? and tenant_id = ?::uuid", Long.class,
                type, tenant.id());
    }
}
