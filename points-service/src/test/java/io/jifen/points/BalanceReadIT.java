package io.jifen.points;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/members/{memberId}/points} answers from one statement for a member the projection knows and
 * through the member lookup for any other: both give the same summary, and a member nobody knows (or another
 * tenant's) is 404 {@code member_not_found}.
 */
class BalanceReadIT extends PointsServiceTestBase {

    @Test
    void shouldSummariseAMemberAlikeBeforeAndAfterTheProjectionKnowsIt() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant); // known to member-service only, as right after its registration
        assertThat(projected(tenant, member)).isZero();

        JsonNode first = points(tenant, member).json();
        assertThat(first.get("balance").asLong()).isZero();
        assertThat(first.get("lifetimeEarned").asLong()).isZero();
        assertThat(first.get("expiring")).isEmpty();
        assertThat(projected(tenant, member)).isEqualTo(1); // the lookup put it in the projection

        Instant soon = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Instant sooner = Instant.now().plus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Instant late = Instant.now().plus(200, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Api.Response imported = api.post("/api/v1/points/imports", tenant.adminToken(), key(), Map.of("balances",
                List.of(lot(member, 200, soon), lot(member, 100, soon), lot(member, 40, sooner), lot(member, 300, late),
                        Map.of("memberId", member.toString(), "points", 7))));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        assertThat(adjust(tenant, member, -50, key()).status()).isEqualTo(201); // the 10-day lot first, then 30-day

        JsonNode known = points(tenant, member).json();
        assertThat(known.get("balance").asLong()).isEqualTo(597);
        assertThat(known.get("lifetimeEarned").asLong()).isEqualTo(647);
        assertThat(known.get("expiring")).hasSize(1); // the 10-day lot is spent; the 200-day one is outside 90 days
        assertThat(known.get("expiring").get(0).get("points").asLong()).isEqualTo(290);
        assertThat(Instant.parse(known.get("expiring").get(0).get("expiresAt").asString())).isEqualTo(soon);

        // The same member read again after it left the projection goes through the lookup: the same answer.
        jdbc.update("delete from member where tenant_id = ? and member_id = ?", tenant.id(), member);
        assertThat(points(tenant, member).json()).isEqualTo(known);
        assertThat(projected(tenant, member)).isEqualTo(1);
    }

    @Test
    void shouldAnswerNotFoundForAnUnknownMemberAndForAnotherTenantsMember() {
        Tenant tenant = newTenant();
        Tenant other = newTenant();
        UUID member = newMember(tenant);
        credit(tenant, member, 25);

        Api.Response unknown = api.get("/api/v1/members/" + UUID.randomUUID() + "/points", tenant.adminToken());
        Api.Response foreign = api.get("/api/v1/members/" + member + "/points", other.adminToken());

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("member_not_found");
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.code()).isEqualTo("member_not_found");
        assertThat(balance(tenant, member)).isEqualTo(25);
    }

    private int projected(Tenant tenant, UUID member) {
        return jdbc.queryForObject("select count(*) from member where tenant_id = ? and member_id = ?", Integer.class,
                tenant.id(), member);
    }

    private static Map<String, Object> lot(UUID member, long points, Instant expiresAt) {
        return Map.of("memberId", member.toString(), "points", points, "expiresAt", expiresAt.toString());
    }
}
