package io.jifen.gateway.ratelimit;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Whose bucket a call takes a token from.
 *
 * @param bucketKey the Redis key of the bucket (also the local fallback's key)
 * @param tenantId the tenant, or null for a caller without one (its limit is then fixed by configuration)
 * @param defaultLimit the limit when the tenant's state does not say otherwise
 * @param clientId the OAuth client the token was issued to ({@code azp}), checked against the tenant's revoked clients
 */
record Caller(String bucketKey, String tenantId, Limit defaultLimit, String clientId) {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    static Caller tenant(String tenantId, String clientId, Limit defaultLimit) {
        return new Caller(prefix(tenantId) + "rl", tenantId, defaultLimit, clientId);
    }

    /** A token without a tenant (a platform admin), limited per subject. */
    static Caller user(String subject, Limit limit) {
        return new Caller("gw:rl:{user:" + subject + "}", null, limit, null);
    }

    /** A call without a token (signup), limited per client address. */
    static Caller anonymous(String address, Limit limit) {
        return new Caller("gw:rl:{ip:" + address + "}", null, limit, null);
    }

    boolean hasTenant() {
        return tenantId != null;
    }

    String stateKey() {
        return prefix(tenantId) + "state";
    }

    /** The tenant's API clients deleted in the last minutes, whose access tokens may still be unexpired. */
    String revokedClientsKey() {
        return prefix(tenantId) + "revoked-clients";
    }

    /** {@code t:{<tenantId>}:calls:<yyyyMMdd>}, the UTC day's API call counter (docs/adr/0005). */
    String callsKey(LocalDate utcDay) {
        return prefix(tenantId) + "calls:" + DAY.format(utcDay);
    }

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    private static String prefix(String tenantId) {
        return "t:{" + tenantId + "}:";
    }
}
