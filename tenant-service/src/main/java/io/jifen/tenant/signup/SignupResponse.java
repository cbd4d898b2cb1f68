package io.jifen.tenant.signup;

import java.util.UUID;

/**
 * The new tenant and its first API client. The secret is shown here once; Jifen does not keep it.
 *
 * @param tokenUrl where the backend exchanges {@code apiClient} for tokens (client-credentials grant)
 */
record SignupResponse(UUID id, String slug, String name, String status, String plan, ApiClientSecret apiClient,
        String tokenUrl) {

    record ApiClientSecret(String clientId, String clientSecret) {
    }
}
