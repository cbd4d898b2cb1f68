package io.jifen.gateway.security;

import java.util.Collection;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The tenant a validated token names (docs/adr/0005): absent, or exactly one canonical UUID string, bare or as a
 * one-element array (Keycloak's multivalued mappers). Mirrors common/tenancy's {@code TenantClaim}, which is
 * servlet/JPA-bound and so not on the gateway's classpath; both must refuse the same tokens.
 */
public final class TenantClaims {

    public static final String CLAIM = "tenant_id";
    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final String NIL = "00000000-0000-0000-0000-000000000000";

    private TenantClaims() {
    }

    /** The tenant id (lower case), empty when the token has none; a malformed claim is an exception. */
    public static Optional<String> tenantOf(Jwt jwt) {
        Object value = jwt.getClaims().get(CLAIM);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Collection<?> values) {
            if (values.size() != 1) {
                throw new InvalidTenantClaimException(values.isEmpty() ? "it is an empty list"
                        : "it lists " + values.size() + " tenants");
            }
            value = values.iterator().next();
        }
        if (!(value instanceof String text) || !CANONICAL.matcher(text).matches() || NIL.equals(text)) {
            throw new InvalidTenantClaimException("it is not a tenant id (a canonical UUID)");
        }
        return Optional.of(text.toLowerCase());
    }

    /** The claim is present but does not name exactly one valid tenant. Never echoes the claim's value. */
    public static final class InvalidTenantClaimException extends RuntimeException {

        InvalidTenantClaimException(String reason) {
            super("The token's '" + CLAIM + "' claim must name exactly one tenant, but " + reason);
        }
    }
}
