package io.jifen.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jifen.testsupport.TestHttp;
import io.jifen.testsupport.TestIdentities;
import io.jifen.testsupport.TestInfra;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A merchant's first hour, through the gateway only: sign up, get a token for the API client signup returned, read the
 * tenant; another tenant sees none of it; a platform admin suspends and resumes; a tenant over its rate is slowed
 * while another is served; a bad signup creates nothing anywhere.
 */
class TenantLifecycleIT {

    private static RunningPlatform platform;

    @BeforeAll
    static void platform() {
        platform = RunningPlatform.get();
    }

    @Test
    void shouldSignUpAndCallTheApiWithTheReturnedClient() {
        Merchants.Tenant tenant = signUp();

        TestHttp.Response me = gateway().get("/api/v1/tenants/me", tenant.token());

        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.json().path("id").asString()).isEqualTo(tenant.id());
        assertThat(me.json().path("slug").asString()).isEqualTo(tenant.slug());
    }

    @Test
    void shouldNotLetOneTenantReachAnotherTenantsResources() {
        Merchants.Tenant a = signUp();
        Merchants.Tenant b = signUp();
        TestHttp.Response created = gateway().post("/api/v1/tenants/me/api-clients", a.token(),
                Map.of("name", "pos", "role", "tenant-staff"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String clientOfA = created.json().path("clientId").asString();

        TestHttp.Response deleteByB = gateway().delete("/api/v1/tenants/me/api-clients/" + clientOfA, b.token());

        assertThat(deleteByB.status()).as(deleteByB.body()).isEqualTo(404);
        assertThat(gateway().get("/api/v1/tenants/me/api-clients", a.token()).body())
                .contains(clientOfA);
    }

    @Test
    void shouldRefuseASuspendedTenantWithinTenSecondsAndServeItAgainAfterResume() {
        Merchants.Tenant suspended = signUp();
        Merchants.Tenant other = signUp();
        String admin = TestInfra.accessToken("admin", TestInfra.PLATFORM_ADMIN_PASSWORD);

        TestHttp.Response suspend = gateway().post("/api/v1/admin/tenants/" + suspended.id()
                + "/suspend", admin, Map.of("reason", "unpaid invoice"));
        assertThat(suspend.status()).as(suspend.body()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            TestHttp.Response refused = gateway().get("/api/v1/tenants/me", suspended.token());
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.code()).isEqualTo("tenant_suspended");
        });
        assertThat(gateway().get("/api/v1/tenants/me", other.token()).status()).isEqualTo(200);

        TestHttp.Response resume = gateway().post("/api/v1/admin/tenants/" + suspended.id() + "/resume",
                admin, Map.of());
        assertThat(resume.status()).as(resume.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(gateway().get("/api/v1/tenants/me", suspended.token()).status())
                        .isEqualTo(200));
    }

    @Test
    void shouldSlowATenantOverItsRateWhileAnotherIsServed() throws Exception {
        Merchants.Tenant greedy = signUp();
        Merchants.Tenant modest = signUp();
        List<TestHttp.Response> greedyResponses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<TestHttp.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) { // the free plan allows 20/s with a burst of 40
                calls.add(pool.submit(() -> gateway().get("/api/v1/tenants/me", greedy.token())));
            }
            TestHttp.Response modestCall = gateway().get("/api/v1/tenants/me", modest.token());
            assertThat(modestCall.status()).as(modestCall.body()).isEqualTo(200);
            for (Future<TestHttp.Response> call : calls) {
                greedyResponses.add(call.get());
            }
        }
        List<TestHttp.Response> limited = greedyResponses.stream().filter(r -> r.status() == 429).toList();
        assertThat(limited).isNotEmpty();
        assertThat(greedyResponses).allSatisfy(r -> assertThat(r.status()).isIn(200, 429));
        assertThat(limited.getFirst().code()).isEqualTo("rate_limited");
        assertThat(Integer.parseInt(limited.getFirst().header("Retry-After"))).isPositive();
    }

    @Test
    void shouldRefuseABadSignupListingEveryFieldAndCreateNothing() {
        String slug = "Bad Slug!";
        String email = "not-an-email-" + UUID.randomUUID();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "");
        body.put("slug", slug);
        body.put("adminEmail", email);
        body.put("adminPassword", "short");
        body.put("currency", "XXQ");
        body.put("timezone", "Mars/Olympus");

        TestHttp.Response refused = gateway().post("/api/v1/tenants", null, body);

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("validation_failed");
        List<String> fields = new ArrayList<>();
        refused.json().path("errors").forEach(error -> fields.add(error.path("field").asString()));
        assertThat(fields).contains("slug", "adminEmail", "adminPassword", "currency", "timezone");
        assertThat(TestIdentities.usersWithEmail(email)).isZero();
        String admin = TestInfra.accessToken("admin", TestInfra.PLATFORM_ADMIN_PASSWORD);
        JsonNode tenants = gateway().get("/api/v1/admin/tenants?q=" + "bad", admin).json();
        assertThat(tenants.toString()).doesNotContain(slug);
    }

    private static TestHttp gateway() {
        return new TestHttp(platform.gateway());
    }

    private static Merchants.Tenant signUp() {
        return Merchants.signUp(platform);
    }
}
