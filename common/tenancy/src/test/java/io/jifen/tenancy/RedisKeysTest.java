package io.jifen.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jifen.tenancy.TenantContext.MissingTenantException;
import org.junit.jupiter.api.Test;

class RedisKeysTest {

    private static final TenantId TENANT = TenantId.of("2f0c8a4e-6b1d-4c59-9a3e-7d2b1f0e5c48");

    @Test
    void shouldPutTheTenantInAHashTagBeforeTheParts() {
        assertThat(RedisKeys.forTenant(TENANT, "ratelimit", "api"))
                .isEqualTo("t:{2f0c8a4e-6b1d-4c59-9a3e-7d2b1f0e5c48}:ratelimit:api");
    }

    @Test
    void shouldAcceptASinglePart() {
        assertThat(RedisKeys.forTenant(TENANT, "balance")).isEqualTo("t:{" + TENANT + "}:balance");
    }

    @Test
    void shouldStartEveryKeyOfTheTenantWithItsPrefix() {
        assertThat(RedisKeys.forTenant(TENANT, "a", "b")).startsWith(RedisKeys.prefix(TENANT));
        assertThat(RedisKeys.prefix(TENANT)).isEqualTo("t:{" + TENANT + "}:");
    }

    @Test
    void shouldBuildKeysForTheCurrentTenant() {
        TenantContext.runAs(TENANT, () ->
                assertThat(RedisKeys.forCurrentTenant("idem", "k1")).isEqualTo("t:{" + TENANT + "}:idem:k1"));
    }

    @Test
    void shouldNotBuildACurrentTenantKeyOutsideATenant() {
        assertThatThrownBy(() -> RedisKeys.forCurrentTenant("idem")).isInstanceOf(MissingTenantException.class);
    }

    @Test
    void shouldRefuseEmptyOrMissingParts() {
        assertThatThrownBy(() -> RedisKeys.forTenant(TENANT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RedisKeys.forTenant(TENANT, "a", "")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("part 1");
        assertThatThrownBy(() -> RedisKeys.forTenant(TENANT, "a", null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRefusePartsWithBraces() {
        assertThatThrownBy(() -> RedisKeys.forTenant(TENANT, "{other}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("brace");
        assertThatThrownBy(() -> RedisKeys.forTenant(TENANT, "x}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRefuseAMissingTenant() {
        assertThatThrownBy(() -> RedisKeys.forTenant(null, "a")).isInstanceOf(NullPointerException.class);
    }
}
