package io.jifen.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jifen.tenancy.TenantClaim.InvalidTenantClaimException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TenantClaimTest {

    private static final String CLAIM = "tenant_id";
    private static final UUID TENANT = UUID.fromString("2f0c8a4e-6b1d-4c59-9a3e-7d2b1f0e5c48");

    @Test
    void shouldResolveTheTenantOfAStringClaim() {
        assertThat(TenantClaim.resolve(Map.of(CLAIM, TENANT.toString()), CLAIM)).contains(new TenantId(TENANT));
    }

    @Test
    void shouldResolveTheTenantOfAOneElementArrayClaim() {
        assertThat(TenantClaim.resolve(Map.of(CLAIM, List.of(TENANT.toString())), CLAIM))
                .contains(new TenantId(TENANT));
    }

    @Test
    void shouldAcceptAnUpperCaseUuidAsTheSameTenant() {
        assertThat(TenantClaim.resolve(Map.of(CLAIM, TENANT.toString().toUpperCase()), CLAIM))
                .contains(new TenantId(TENANT));
    }

    @Test
    void shouldReadTheConfiguredClaimName() {
        Map<String, Object> claims = Map.of("org", TENANT.toString(), CLAIM, "not-this-one");
        assertThat(TenantClaim.resolve(claims, "org")).contains(new TenantId(TENANT));
    }

    @Test
    void shouldResolveNoTenantWhenTheClaimIsMissing() {
        assertThat(TenantClaim.resolve(Map.of("sub", "platform-admin"), CLAIM)).isEmpty();
    }

    @Test
    void shouldRefuseAClaimListingSeveralTenants() {
        assertRefused(List.of(TENANT.toString(), UUID.randomUUID().toString()), "lists 2 tenants");
    }

    @Test
    void shouldRefuseAClaimListingTheSameTenantTwice() {
        assertRefused(List.of(TENANT.toString(), TENANT.toString()), "lists 2 tenants");
    }

    @Test
    void shouldRefuseAnEmptyArrayClaim() {
        assertRefused(List.of(), "empty list");
    }

    @Test
    void shouldRefuseAClaimThatIsNotAUuid() {
        assertRefused("acme-shop", "not a valid tenant id");
    }

    @Test
    void shouldRefuseAnEmptyStringClaim() {
        assertRefused("", "not a valid tenant id");
    }

    @Test
    void shouldRefuseAUuidInANonCanonicalForm() {
        assertRefused("1-2-3-4-5", "not a valid tenant id"); // UUID.fromString would accept it
        assertRefused("{" + TENANT + "}", "not a valid tenant id");
        assertRefused(TENANT.toString().replace("-", ""), "not a valid tenant id");
    }

    @Test
    void shouldRefuseTheNilUuid() {
        assertRefused("00000000-0000-0000-0000-000000000000", "not a valid tenant id");
    }

    @Test
    void shouldRefuseAClaimThatIsNotAString() {
        assertRefused(42, "not a string");
        assertRefused(Map.of("id", TENANT.toString()), "not a string");
        assertRefused(List.of(42), "not a string");
    }

    @Test
    void shouldNotEchoTheClaimValueInTheRefusal() {
        assertThatThrownBy(() -> TenantClaim.resolve(Map.of(CLAIM, "<script>evil</script>"), CLAIM))
                .isInstanceOf(InvalidTenantClaimException.class)
                .message().doesNotContain("script");
    }

    private static void assertRefused(Object claimValue, String reason) {
        assertThatThrownBy(() -> TenantClaim.resolve(Map.of(CLAIM, claimValue), CLAIM))
                .isInstanceOf(InvalidTenantClaimException.class)
                .hasMessageContaining("'tenant_id'")
                .hasMessageContaining(reason);
    }
}
