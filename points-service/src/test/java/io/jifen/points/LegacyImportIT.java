package io.jifen.points;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class LegacyImportIT extends PointsServiceTestBase {

    private static final String IMPORTS = "/api/v1/points/imports";

    @Test
    void shouldCreditLegacyBalancesOnLotsWithTheirExpiryOnceAndReportRowsItCannotTake() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        UUID byExternalId = MemberServiceStub.register(tenant.id(), "active", null, "legacy-42");
        UUID closed = MemberServiceStub.register(tenant.id(), "closed", null, null);
        Instant soon = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Instant later = Instant.now().plus(300, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> file = Map.of("balances", List.of(
                row("memberId", member, 300, later, "old-lot-1"),
                row("memberId", member, 200, soon, "old-lot-2"),
                row("externalId", "legacy-42", 50, null, null),
                row("memberId", UUID.randomUUID(), 10, null, null),
                row("memberId", closed, 10, null, null),
                row("memberId", member, 10, Instant.now().minus(1, ChronoUnit.DAYS), null)));

        Api.Response first = api.post(IMPORTS, tenant.adminToken(), key(), file);
        Api.Response again = api.post(IMPORTS, tenant.adminToken(), key(), file);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        JsonNode report = first.json();
        assertThat(report.get("accepted").asInt()).isEqualTo(3);
        assertThat(report.get("rejected").asInt()).isEqualTo(3);
        assertThat(report.get("pointsImported").asLong()).isEqualTo(550);
        assertThat(report.get("rows").get(3).get("code").asString()).isEqualTo("member_not_found");
        assertThat(report.get("rows").get(4).get("code").asString()).isEqualTo("member_closed");
        assertThat(report.get("rows").get(5).get("code").asString()).isEqualTo("already_expired");
        assertThat(again.json().get("accepted").asInt()).isZero();
        assertThat(again.json().get("skipped").asInt()).isEqualTo(3);
        assertThat(balance(tenant, member)).isEqualTo(500);
        assertThat(balance(tenant, byExternalId)).isEqualTo(50);
        assertThat(jdbc.queryForList("""
                select expires_at from lot where tenant_id = ? and member_id = ? order by expires_at""",
                java.sql.Timestamp.class, tenant.id(), member).stream().map(java.sql.Timestamp::toInstant))
                .containsExactly(soon, later);

        // Spending takes the soonest-expiring legacy lot first
        assertThat(adjust(tenant, member, -250, key()).status()).isEqualTo(201);
        assertThat(jdbc.queryForList("""
                select remaining from lot where tenant_id = ? and member_id = ? order by expires_at""", Long.class,
                tenant.id(), member)).containsExactly(0L, 250L);
    }

    @Test
    void shouldRefuseAMalformedFileWholeAndLeaveImportsToAdmins() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        String staff = io.jifen.testsupport.TestIdentities.tenantToken(tenant.id().toString(), "tenant-staff");

        for (Object bad : List.of(Map.of("balances", List.of()),
                Map.of("balances", List.of(Map.of("points", 5))),
                Map.of("balances", List.of(Map.of("memberId", member.toString(), "externalId", "x", "points", 5))),
                Map.of("balances", List.of(Map.of("memberId", member.toString(), "points", 0))),
                Map.of("balances", List.of(Map.of("memberId", member.toString(), "points", "many"))),
                Map.of("balances", List.of(Map.of("memberId", member.toString(), "points", 5, "balance", 5))))) {
            Api.Response response = api.post(IMPORTS, tenant.adminToken(), key(), bad);
            assertThat(response.status()).as(bad + " → " + response).isEqualTo(400);
        }
        assertThat(api.post(IMPORTS, tenant.adminToken(), null, Map.of("balances", List.of(
                Map.of("memberId", member.toString(), "points", 5)))).code()).isEqualTo("idempotency_key_required");
        assertThat(api.post(IMPORTS, staff, key(), Map.of("balances", List.of(
                Map.of("memberId", member.toString(), "points", 5)))).status()).isEqualTo(403);
        assertThat(entries(tenant)).isZero();
    }

    private static Map<String, Object> row(String by, Object member, long points, Instant expiresAt, String reference) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(by, member.toString());
        row.put("points", points);
        if (expiresAt != null) {
            row.put("expiresAt", expiresAt.toString());
        }
        if (reference != null) {
            row.put("reference", reference);
        }
        return row;
    }
}
