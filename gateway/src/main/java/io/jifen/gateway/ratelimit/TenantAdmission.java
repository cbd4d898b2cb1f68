package io.jifen.gateway.ratelimit;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The admission of a tenant's call for code that runs outside the gateway's filter chain (the express lane,
 * docs/adr/0022): the same Redis script, local fallback and limits as {@link AdmissionFilter}, so a call counts once
 * against the same bucket whichever way it came in.
 */
@Component
public class TenantAdmission {

    private final Admissions admissions;
    private final RateLimitProperties properties;

    TenantAdmission(Admissions admissions, RateLimitProperties properties) {
        this.admissions = admissions;
        this.properties = properties;
    }

    /** The decision on a call of {@code tenantId} with a token issued to {@code clientId} ({@code azp}, may be null). */
    public Mono<Decision> admit(String tenantId, String clientId) {
        return admissions.admit(Caller.tenant(tenantId, clientId, properties.tenantDefault()));
    }
}
