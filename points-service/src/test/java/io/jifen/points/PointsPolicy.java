package io.jifen.points;

import static org.assertj.core.api.Assertions.assertThat;

import io.jifen.points.PointsServiceTestBase.Tenant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Bodies for {@code PUT /api/v1/points/settings}: the defaults, changed one aspect at a time. */
final class PointsPolicy {

    private final Map<String, Object> body = new LinkedHashMap<>();

    private PointsPolicy() {
        body.put("refundDebt", "clamp");
        body.put("transfersEnabled", false);
        body.put("expiry", Map.of("policy", "never", "days", 0));
        body.put("expiringNoticeDays", 30);
        body.put("pendingDays", 0);
    }

    static PointsPolicy defaults() {
        return new PointsPolicy();
    }

    PointsPolicy expiry(String policy, int days) {
        body.put("expiry", Map.of("policy", policy, "days", days));
        return this;
    }

    PointsPolicy noticeDays(int days) {
        body.put("expiringNoticeDays", days);
        return this;
    }

    PointsPolicy pendingDays(int days) {
        body.put("pendingDays", days);
        return this;
    }

    /** {@code null} leaves a limit out. */
    PointsPolicy velocity(Long maxPointsPerMemberPerDay, Long holdEarnsAbove) {
        Map<String, Object> velocity = new HashMap<>();
        velocity.put("maxPointsPerMemberPerDay", maxPointsPerMemberPerDay);
        velocity.put("holdEarnsAbove", holdEarnsAbove);
        body.put("velocity", velocity);
        return this;
    }

    PointsPolicy with(String field, Object value) {
        body.put(field, value);
        return this;
    }

    PointsPolicy without(String field) {
        body.remove(field);
        return this;
    }

    /** Saves this as the tenant's policy. */
    void applyTo(Api api, Tenant tenant) {
        Api.Response response = api.put("/api/v1/points/settings", tenant.adminToken(), body);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    Map<String, Object> body() {
        return body;
    }
}
