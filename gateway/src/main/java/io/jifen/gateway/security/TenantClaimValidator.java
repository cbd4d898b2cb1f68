package io.jifen.gateway.security;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/** Refuses, as part of token validation, a token whose tenant claim is unusable: such a token is not valid here. */
final class TenantClaimValidator implements OAuth2TokenValidator<Jwt> {

    static final String ERROR_CODE = "invalid_tenant_claim";

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        try {
            TenantClaims.tenantOf(jwt);
            return OAuth2TokenValidatorResult.success();
        } catch (TenantClaims.InvalidTenantClaimException e) {
            return OAuth2TokenValidatorResult.failure(new OAuth2Error(ERROR_CODE, e.getMessage(), null));
        }
    }
}
