package io.jifen.tenancy;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads the tenant out of a validated token's claims. The claim is absent (the token has no tenant: a platform
 * admin or a service account acting on no tenant's data), or names exactly one tenant as a canonical UUID string,
 * either bare or as a one-element array (what Keycloak's multivalued attribute mappers produce). Anything else
 * (an empty array, several tenants, a number, a malformed or nil UUID) is refused rather than guessed at.
 */
public final class TenantClaim {

    private TenantClaim() {
    }

    /**
     * @param claims the token's claims (e.g. {@code Jwt.getClaims()})
     * @param claimName the claim holding the tenant, e.g. {@code tenant_id}
     * @return the tenant, or empty when the token carries none
     * @throws InvalidTenantClaimException when the claim is present but does not name exactly one valid tenant
     */
    public static Optional<TenantId> resolve(Map<String, ?> claims, String claimName) {
        Objects.requireNonNull(claimName, "claimName");
        Object value = claims.get(claimName);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Collection<?> values) {
            if (values.size() != 1) {
                throw new InvalidTenantClaimException(claimName, values.isEmpty()
                        ? "it is an empty list"
                        : "it lists " + values.size() + " tenants");
            }
            value = values.iterator().next();
        }
        if (!(value instanceof String text)) {
            throw new InvalidTenantClaimException(claimName, "it is not a string");
        }
        try {
            return Optional.of(TenantId.of(text));
        } catch (IllegalArgumentException e) {
            throw new InvalidTenantClaimException(claimName, "it is not a valid tenant id");
        }
    }

    /** A token whose tenant claim is present but unusable. Its message never echoes the claim's value. */
    public static final class InvalidTenantClaimException extends RuntimeException {

        InvalidTenantClaimException(String claimName, String reason) {
            super("The token's '" + claimName + "' claim must name exactly one tenant (a UUID), but " + reason);
        }
    }
}
