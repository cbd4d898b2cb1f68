package io.jifen.tenant.apiclient;

import java.time.Instant;

/** A new API client with its secret: the only time the secret is shown. */
record ApiClientCreatedResponse(String clientId, String clientSecret, String name, String role, Instant createdAt) {
}
