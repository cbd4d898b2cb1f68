package io.jifen.points;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MemberEventsIT extends PointsServiceTestBase {

    @Test
    void shouldLetAMemberKnownOnlyFromEventsEarnAndFollowItsStatusAndCard() {
        Tenant tenant = newTenant();
        UUID member = UUID.randomUUID(); // unknown to the member-service stand-in: only the events tell of it
        publish(tenant, "member.registered", Map.of("memberId", member.toString(), "externalId", "ext-1",
                "cardNumber", "C-1", "status", "active"));
        awaitStatus(tenant, member, "active");

        assertThat(recordPurchase(tenant, member, "order-ev-1", "10.00").status()).isEqualTo(201);

        publish(tenant, "card.reissued", Map.of("memberId", member.toString(), "oldNumber", "C-1",
                "newNumber", "C-2"));
        await().atMost(Duration.ofSeconds(20)).until(() -> "C-2".equals(jdbc.queryForObject(
                "select card_number from member where tenant_id = ? and member_id = ?", String.class, tenant.id(),
                member)));
        publish(tenant, "member.status-changed", Map.of("memberId", member.toString(), "status", "frozen"));
        awaitStatus(tenant, member, "frozen");

        Api.Response frozen = recordPurchase(tenant, member, "order-ev-2", "10.00");
        assertThat(frozen.status()).isEqualTo(409);
        assertThat(frozen.code()).isEqualTo("member_frozen");

        publish(tenant, "member.erased", Map.of("memberId", member.toString()));
        awaitStatus(tenant, member, "erased");
        assertThat(api.get("/api/v1/members/" + member + "/points", tenant.adminToken()).status()).isEqualTo(404);
        assertThat(balance(tenant, UUID.randomUUID(), 404)).isTrue();
    }

    @Test
    void shouldFollowTheMembersTierFromRegistrationAndTierChanges() {
        Tenant tenant = newTenant();
        UUID member = UUID.randomUUID();
        publish(tenant, "member.registered", Map.of("memberId", member.toString(), "status", "active",
                "tierCode", "silver"));
        awaitTier(tenant, member, "silver");
        publish(tenant, "tier.changed", Map.of("memberId", member.toString(), "from", "silver", "to", "gold",
                "reason", "upgrade"));
        awaitTier(tenant, member, "gold");
    }

    @Test
    void shouldCreditAnImportedMembersOpeningBalanceOnceEvenWhenTheEventComesTwice() {
        Tenant tenant = newTenant();
        UUID member = UUID.randomUUID();
        publish(tenant, "member.registered", Map.of("memberId", member.toString(), "status", "active"));
        publish(tenant, "member.imported", Map.of("memberId", member.toString(), "externalId", "legacy-9",
                "openingBalance", 750));
        publish(tenant, "member.imported", Map.of("memberId", member.toString(), "externalId", "legacy-9",
                "openingBalance", 750));
        UUID nothing = UUID.randomUUID();
        publish(tenant, "member.imported", Map.of("memberId", nothing.toString(), "externalId", "legacy-10",
                "openingBalance", 0));

        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from processed_event where consumer = 'points.opening-balances' and tenant_id = ?",
                Integer.class, tenant.id()) == 3);
        assertThat(api.get("/api/v1/members/" + member + "/points", tenant.adminToken()).json().get("balance")
                .asLong()).isEqualTo(750);
        assertThat(jdbc.queryForList("select points from ledger_entry where tenant_id = ? and member_id = ?",
                Long.class, tenant.id(), member)).containsExactly(750L);
        assertThat(jdbc.queryForObject("select count(*) from ledger_entry where tenant_id = ? and member_id = ?",
                Integer.class, tenant.id(), nothing)).isZero();
    }

    private void awaitTier(Tenant tenant, UUID member, String tier) {
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForList(
                "select tier_code from member where tenant_id = ? and member_id = ?", String.class, tenant.id(),
                member).contains(tier));
    }

    private boolean balance(Tenant tenant, UUID member, int expected) {
        return api.get("/api/v1/members/" + member + "/points", tenant.adminToken()).status() == expected;
    }

    private void awaitStatus(Tenant tenant, UUID member, String status) {
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForList(
                "select status from member where tenant_id = ? and member_id = ?", String.class, tenant.id(),
                member).contains(status));
    }

    private void publish(Tenant tenant, String type, Map<String, Object> payload) {
        publish(MEMBER_EVENTS, tenant, type, payload);
    }
}
