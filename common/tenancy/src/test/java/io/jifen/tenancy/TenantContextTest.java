package io.jifen.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jifen.tenancy.TenantContext.MissingTenantException;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class TenantContextTest {

    private final TenantId a = new TenantId(UUID.randomUUID());
    private final TenantId b = new TenantId(UUID.randomUUID());

    @AfterEach
    void threadIsClean() {
        assertThat(TenantContext.current()).isEmpty();
        assertThat(MDC.get(TenantContext.MDC_KEY)).isNull();
    }

    @Test
    void shouldFailToRequireATenantOutsideOne() {
        assertThatThrownBy(TenantContext::require).isInstanceOf(MissingTenantException.class);
    }

    @Test
    void shouldKeepTheMdcInStepWithTheTenant() {
        TenantContext.runAs(a, () -> {
            assertThat(TenantContext.require()).isEqualTo(a);
            assertThat(MDC.get(TenantContext.MDC_KEY)).isEqualTo(a.toString());
            TenantContext.runAs(b, () -> assertThat(MDC.get(TenantContext.MDC_KEY)).isEqualTo(b.toString()));
            assertThat(TenantContext.require()).isEqualTo(a);
            assertThat(MDC.get(TenantContext.MDC_KEY)).isEqualTo(a.toString());
        });
    }

    @Test
    void shouldRestoreTheContextWhenTheWorkFails() {
        assertThatThrownBy(() -> TenantContext.callAs(a, () -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
    }

    @Test
    void shouldRefuseTheNilUuidAsATenant() {
        assertThatThrownBy(() -> new TenantId(new UUID(0, 0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TenantId.of("00000000-0000-0000-0000-000000000000"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
