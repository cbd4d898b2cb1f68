package io.jifen.tenancy;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param claim the JWT claim naming the caller's tenant (default {@code tenant_id})
 */
@ConfigurationProperties("jifen.tenancy")
public record TenancyProperties(String claim) {

    public TenancyProperties {
        claim = claim == null || claim.isBlank() ? "tenant_id" : claim;
    }
}
