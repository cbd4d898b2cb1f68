package io.jifen.tenant.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TenantStateTest {

    @Test
    void shouldWriteUnlimitedQuotasAsEmptyStrings() {
        TenantState state = new TenantState("active", "enterprise", 5000, 10000, null, 50,
                Instant.parse("2026-01-02T03:04:05Z"));

        assertThat(state.fields()).containsEntry("maxMembers", "").containsEntry("maxPlugins", "50")
                .containsEntry("rps", "5000").containsEntry("burst", "10000");
    }

    @Test
    void shouldFormatUpdatedAtSoThatLaterVersionsSortLater() {
        String earlier = stamp("2026-01-02T03:04:05Z");
        String later = stamp("2026-01-02T03:04:05.000001Z");

        assertThat(earlier).isEqualTo("2026-01-02T03:04:05.000000Z");
        assertThat(later).isGreaterThan(earlier);
    }

    @Test
    void shouldSuspendOnlyAnActiveTenantAndResumeOnlyASuspendedOne() {
        Tenant tenant = new Tenant(java.util.UUID.randomUUID(), "shop", "Shop", "o@shop.cn", "free");
        assertThat(tenant.suspend("why")).isFalse(); // still provisioning
        tenant.activate("user");
        Instant before = tenant.getUpdatedAt();

        assertThat(tenant.suspend("why")).isTrue();
        assertThat(tenant.suspend("again")).isFalse();
        assertThat(tenant.getUpdatedAt()).isAfter(before);
        assertThat(tenant.resume()).isTrue();
        assertThat(tenant.resume()).isFalse();
        assertThat(tenant.getStatus()).isEqualTo(TenantStatus.ACTIVE);
    }

    private static String stamp(String instant) {
        return new TenantState("active", "free", 1, 1, 1L, 1, Instant.parse(instant)).fields().get("updatedAt");
    }
}
