package io.jifen.tenant.keycloak;

import io.jifen.web.ApiException;
import org.springframework.http.HttpStatus;

/** Keycloak is down, unreachable, too slow or refuses our admin account: nothing was provisioned; try again later. */
public class IdentityProviderUnavailableException extends ApiException {

    /** Seconds a client should wait before retrying (the Retry-After header). */
    static final int RETRY_AFTER_SECONDS = 30;

    public IdentityProviderUnavailableException(Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "identity_provider_unavailable",
                "The identity provider is unavailable; nothing was created. Try again in a minute.");
        initCause(cause);
    }
}
