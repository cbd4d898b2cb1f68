package io.jifen.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class TenantClaimsTest {

    private static final String TENANT = "2F0C6A4E-8B1D-4C3A-9E7F-1A2B3C4D5E6F";

    @Test
    void shouldReadOneTenantBareOrAsAOneElementList() {
        assertThat(TenantClaims.tenantOf(jwt(TENANT))).hasValue(TENANT.toLowerCase());
        assertThat(TenantClaims.tenantOf(jwt(List.of(TENANT)))).hasValue(TENANT.toLowerCase());
    }

    @Test
    void shouldTreatAnAbsentClaimAsNoTenant() {
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject("admin").issuedAt(Instant.now()).build();
        assertThat(TenantClaims.tenantOf(jwt)).isEmpty();
    }

    @Test
    void shouldRefuseAnythingButExactlyOneCanonicalTenantId() {
        for (Object claim : List.of(List.of(), List.of(TENANT, "7d9a3f3e-1111-4c3a-9e7f-1a2b3c4d5e6f"), "",
                "not-a-uuid", "1-2-3-4-5", "00000000-0000-0000-0000-000000000000", 42)) {
            assertThatThrownBy(() -> TenantClaims.tenantOf(jwt(claim)))
                    .isInstanceOf(TenantClaims.InvalidTenantClaimException.class)
                    .hasMessageNotContaining(TENANT);
        }
    }

    private static Jwt jwt(Object tenantClaim) {
        return Jwt.withTokenValue("t").header("alg", "RS256").claim(TenantClaims.CLAIM, tenantClaim).build();
    }
}
