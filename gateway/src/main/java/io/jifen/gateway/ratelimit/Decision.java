package io.jifen.gateway.ratelimit;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * The verdict on one call.
 *
 * @param outcome admitted, limited (429), suspended (403) or revoked (401: the token's API client was deleted)
 * @param remaining whole tokens left in the bucket after this call
 * @param retryAfterMillis when limited, how long until a token is available
 */
public record Decision(Outcome outcome, long remaining, long retryAfterMillis) {

    /** The header every admitted or refused call's answer carries: the tokens left in the caller's bucket. */
    public static final String REMAINING = "X-RateLimit-Remaining";

    public enum Outcome { ADMITTED, LIMITED, SUSPENDED, REVOKED }

    static Decision suspended() {
        return new Decision(Outcome.SUSPENDED, 0, 0);
    }

    /** Whole seconds for {@code Retry-After}, never 0 (a client would retry at once and be limited again). */
    long retryAfterSeconds() {
        return Math.max(1, (retryAfterMillis + 999) / 1000);
    }

    /** The problem a refused call is answered with; null when the call was admitted. */
    public Refusal refusal() {
        return switch (outcome) {
            case ADMITTED -> null;
            case SUSPENDED -> new Refusal(HttpStatus.FORBIDDEN, "tenant_suspended",
                    "This tenant is suspended; contact the platform operator", null, null);
            case REVOKED -> new Refusal(HttpStatus.UNAUTHORIZED, "token_revoked",
                    "The API client this token was issued to has been deleted", HttpHeaders.WWW_AUTHENTICATE,
                    "Bearer error=\"invalid_token\"");
            case LIMITED -> new Refusal(HttpStatus.TOO_MANY_REQUESTS, "rate_limited",
                    "Too many requests; retry after " + retryAfterSeconds() + " s", HttpHeaders.RETRY_AFTER,
                    Long.toString(retryAfterSeconds()));
        };
    }

    /** A refusal's status, stable code, detail and the one header it adds (or none: null name). */
    public record Refusal(HttpStatus status, String code, String detail, String header, String headerValue) {
    }
}
