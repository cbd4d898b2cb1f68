package io.jifen.gateway.ratelimit;

/**
 * The verdict on one call.
 *
 * @param outcome admitted, limited (429), suspended (403) or revoked (401: the token's API client was deleted)
 * @param remaining whole tokens left in the bucket after this call
 * @param retryAfterMillis when limited, how long until a token is available
 */
record Decision(Outcome outcome, long remaining, long retryAfterMillis) {

    enum Outcome { ADMITTED, LIMITED, SUSPENDED, REVOKED }

    static Decision suspended() {
        return new Decision(Outcome.SUSPENDED, 0, 0);
    }

    /** Whole seconds for {@code Retry-After}, never 0 (a client would retry at once and be limited again). */
    long retryAfterSeconds() {
        return Math.max(1, (retryAfterMillis + 999) / 1000);
    }
}
