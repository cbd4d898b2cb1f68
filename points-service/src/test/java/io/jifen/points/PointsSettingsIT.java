package io.jifen.points;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import io.jifen.testsupport.TestIdentities;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PointsSettingsIT extends PointsServiceTestBase {

    private static final String SETTINGS = "/api/v1/points/settings";

    @Test
    void shouldAnswerTodaysBehaviourAsDefaultsAndReplaceThePolicyAsAWhole() {
        Tenant tenant = newTenant();

        Api.Response defaults = api.get(SETTINGS, tenant.adminToken());
        Api.Response saved = api.put(SETTINGS, tenant.adminToken(), PointsPolicy.defaults()
                .with("refundDebt", "allow").with("transfersEnabled", true).expiry("end-of-quarter", 90)
                .noticeDays(14).pendingDays(14).velocity(1000L, null).body());

        assertThat(defaults.status()).as(defaults.toString()).isEqualTo(200);
        assertThat(defaults.json()).isEqualTo(Api.JSON.readTree("""
                {"refundDebt": "clamp", "transfersEnabled": false, "expiry": {"policy": "never", "days": 0},
                 "expiringNoticeDays": 30, "pendingDays": 0,
                 "velocity": {"maxPointsPerMemberPerDay": null, "holdEarnsAbove": null}, "timezone": "UTC",
                 "transferLimits": {"maxPointsPerTransfer": null, "maxPointsPerMemberPerDay": null}}"""));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        JsonNode read = api.get(SETTINGS, tenant.adminToken()).json();
        assertThat(read).isEqualTo(saved.json());
        assertThat(read.path("expiry").path("policy").asString()).isEqualTo("end-of-quarter");
        assertThat(read.path("expiry").path("days").asInt()).isEqualTo(90);
        assertThat(read.path("pendingDays").asInt()).isEqualTo(14);
        assertThat(read.path("velocity").path("maxPointsPerMemberPerDay").asLong()).isEqualTo(1000);
        assertThat(read.path("velocity").path("holdEarnsAbove").isNull()).isTrue();
        assertThat(read.path("refundDebt").asString()).isEqualTo("allow");
        assertThat(jdbc.queryForObject("select updated_by from tenant_settings where tenant_id = ?", String.class,
                tenant.id())).isNotBlank();
        assertThat(api.get(SETTINGS, newTenant().adminToken()).json()).isEqualTo(defaults.json());
        // The ledger applies what was saved: 14 days pending for a purchase.
        UUID member = newMember(tenant);
        assertThat(recordPurchase(tenant, member, "o-1", "10.00").longAt("pointsPending")).isEqualTo(10);
    }

    @Test
    void shouldLetStaffReadButOnlyAdminsChangeTheSettings() {
        Tenant tenant = newTenant();
        String staff = TestIdentities.tenantToken(tenant.id().toString(), "tenant-staff");

        Api.Response read = api.get(SETTINGS, staff);
        Api.Response write = api.put(SETTINGS, staff, PointsPolicy.defaults().pendingDays(3).body());

        assertThat(read.status()).isEqualTo(200);
        assertThat(write.status()).as(write.toString()).isEqualTo(403);
        assertThat(stored(tenant)).isZero();
    }

    @Test
    void shouldRefuseInvalidSettingsListingTheFieldsAndStoreNothing() {
        Tenant tenant = newTenant();

        Api.Response invalid = api.put(SETTINGS, tenant.adminToken(), PointsPolicy.defaults()
                .with("refundDebt", "sometimes").expiry("end-of-week", -1).noticeDays(400).pendingDays(-1)
                .velocity(0L, -5L).without("transfersEnabled").body());
        Api.Response noDays = api.put(SETTINGS, tenant.adminToken(), PointsPolicy.defaults()
                .with("expiry", Map.of("policy", "days-after-earn")).body());
        Api.Response unknownField = api.put(SETTINGS, tenant.adminToken(), PointsPolicy.defaults()
                .with("tenantId", UUID.randomUUID().toString()).body());
        Api.Response wrongType = api.put(SETTINGS, tenant.adminToken(), PointsPolicy.defaults()
                .with("pendingDays", "fourteen").body());
        Api.Response notJson = api.put(SETTINGS, tenant.adminToken(), "{");

        assertThat(invalid.status()).as(invalid.toString()).isEqualTo(400);
        assertThat(invalid.code()).isEqualTo("validation_failed");
        assertThat(fields(invalid)).contains("refundDebt", "transfersEnabled", "expiry.policy", "expiry.days",
                "expiringNoticeDays", "pendingDays", "velocity.maxPointsPerMemberPerDay", "velocity.holdEarnsAbove");
        assertThat(noDays.status()).as(noDays.toString()).isEqualTo(400);
        assertThat(fields(noDays)).singleElement().asString().startsWith("expiry.");
        for (Api.Response response : List.of(unknownField, wrongType, notJson)) {
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.code()).isNotBlank();
        }
        assertThat(stored(tenant)).isZero();
    }

    @Test
    void shouldTakeTheTimeZoneFromTenantServiceAndKeepThePolicyWhenItChanges() {
        Tenant tenant = newTenant();
        PointsPolicy.defaults().pendingDays(3).applyTo(api, tenant);

        publishTenantEvent(tenant, "tenant.registered", Map.of("tenantId", tenant.id().toString(),
                "timezone", "Asia/Shanghai"));
        await().atMost(Duration.ofSeconds(20)).until(() -> zone(tenant).equals("Asia/Shanghai"));
        publishTenantEvent(tenant, "tenant.settings-changed", Map.of("tenantId", tenant.id().toString(),
                "timezone", "Europe/Berlin", "currency", "EUR"));
        await().atMost(Duration.ofSeconds(20)).until(() -> zone(tenant).equals("Europe/Berlin"));

        assertThat(api.get(SETTINGS, tenant.adminToken()).json().path("pendingDays").asInt()).isEqualTo(3);
        // A PUT does not overwrite what tenant-service owns.
        PointsPolicy.defaults().applyTo(api, tenant);
        assertThat(zone(tenant)).isEqualTo("Europe/Berlin");
    }

    private String zone(Tenant tenant) {
        return api.get(SETTINGS, tenant.adminToken()).json().path("timezone").asString();
    }

    private void publishTenantEvent(Tenant tenant, String type, Map<String, Object> payload) {
        publish(TENANT_EVENTS, tenant, type, payload);
    }

    private long stored(Tenant tenant) {
        return jdbc.queryForObject("select count(*) from tenant_settings where tenant_id = ?", Long.class,
                tenant.id());
    }

    private static List<String> fields(Api.Response response) {
        return response.json().path("errors").valueStream().map(error -> error.path("field").asString()).toList();
    }
}
