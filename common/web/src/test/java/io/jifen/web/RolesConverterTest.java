package io.jifen.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

class RolesConverterTest {

    private final ResourceServerSecurity.RolesConverter converter = new ResourceServerSecurity.RolesConverter();

    @Test
    void shouldTurnFlatAndRealmRolesIntoAuthoritiesOnce() {
        Jwt jwt = token("token-a", Map.of("roles", List.of("tenant-admin"),
                "realm_access", Map.of("roles", List.of("tenant-staff", "tenant-admin"))));

        assertThat(converter.convert(jwt)).extracting(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_tenant-admin", "ROLE_tenant-staff");
        assertThat(converter.convert(jwt)).isSameAs(converter.convert(jwt));
    }

    @Test
    void shouldWorkOutEachTokensOwnAuthorities() {
        Jwt staff = token("token-b", Map.of("realm_access", Map.of("roles", List.of("tenant-staff"))));
        Jwt none = token("token-c", Map.of("roles", "not-a-list"));

        assertThat(converter.convert(staff)).extracting(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_tenant-staff");
        assertThat(converter.convert(none)).isEmpty();
        assertThat(converter.convert(staff)).extracting(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_tenant-staff");
    }

    private static Jwt token(String value, Map<String, Object> claims) {
        return Jwt.withTokenValue(value).header("alg", "RS256").subject("someone").claims(all -> all.putAll(claims))
                .issuedAt(Instant.parse("2026-12-07T12:00:00Z")).expiresAt(Instant.parse("2026-12-07T12:05:00Z"))
                .build();
    }
}
