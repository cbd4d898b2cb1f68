package io.jifen.tenant.apiclient;

import java.time.Instant;

/** An API client as listed: never its secret. */
record ApiClientResponse(String clientId, String name, String role, Instant createdAt) {

    static ApiClientResponse of(ApiClient client) {
        return new ApiClientResponse(client.getClientId(), client.getName(), client.getRole(), client.getCreatedAt());
    }
}
