package io.jifen.points;

import static org.assertj.core.api.Assertions.assertThat;

import io.jifen.testsupport.TestIdentities;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PurchaseIT extends PointsServiceTestBase {

    @Test
    void shouldAwardOnePointPerWholeCurrencyUnitAndRecordWhy() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);

        Api.Response response = recordPurchase(tenant, member, "order-1", "123.99");

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode body = response.json();
        assertThat(body.path("orderId").asString()).isEqualTo("order-1");
        assertThat(body.path("pointsAwarded").asLong()).isEqualTo(123);
        assertThat(body.path("awards").get(0).path("rule").asString()).isEqualTo("default");
        assertThat(body.path("balance").asLong()).isEqualTo(123);
        JsonNode points = api.get("/api/v1/members/" + member + "/points", tenant.adminToken()).json();
        assertThat(points.path("balance").asLong()).isEqualTo(123);
        assertThat(points.path("lifetimeEarned").asLong()).isEqualTo(123);
        assertThat(points.path("expiring")).isEmpty();
        JsonNode entry = api.get("/api/v1/members/" + member + "/points/entries?kind=earn", tenant.adminToken())
                .json().path("items").get(0);
        assertThat(entry.path("reason").asString()).isEqualTo("purchase");
        assertThat(entry.path("sourceId").asString()).isEqualTo("order-1");
        assertThat(entry.path("points").asLong()).isEqualTo(123);
    }

    @Test
    void shouldEmitPurchaseRecordedAndPointsEarnedInTheSameTransaction() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);

        recordPurchase(tenant, member, "order-ev", "42.50");

        Map<String, Object> recorded = outbox(tenant, "purchase.recorded").getFirst();
        JsonNode payload = Api.JSON.readTree(recorded.get("payload").toString());
        assertThat(payload.path("memberId").asString()).isEqualTo(member.toString());
        assertThat(payload.path("amount").asString()).isEqualTo("42.50");
        assertThat(payload.path("currency").asString()).isEqualTo("EUR");
        assertThat(payload.path("pointsAwarded").asLong()).isEqualTo(42);
        assertThat(payload.path("occurredAt").isMissingNode()).isFalse();
        JsonNode earned = Api.JSON.readTree(outbox(tenant, "points.earned").getFirst().get("payload").toString());
        assertThat(earned.path("points").asLong()).isEqualTo(42);
        assertThat(earned.path("reason").asString()).isEqualTo("purchase");
        assertThat(earned.path("entryId").asString()).isNotBlank();
    }

    @Test
    void shouldKeepTheSaleTimeToTheMicrosecondRoundedHalfUpAloneAndInABatch() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        Map<String, Object> alone = new java.util.LinkedHashMap<>(purchase(member, "t-1", "5.00"));
        alone.put("occurredAt", "2026-03-01T10:00:00.123456500Z");
        Map<String, Object> batched = new java.util.LinkedHashMap<>(purchase(member, "t-2", "5.00"));
        batched.put("occurredAt", "2026-03-01T10:00:00.123456499Z");

        assertThat(api.post("/api/v1/purchases", tenant.adminToken(), key(), alone).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/purchases/batch", tenant.adminToken(), key(),
                Map.of("purchases", java.util.List.of(batched))).status()).isEqualTo(200);

        for (String[] expected : new String[][] {{"t-1", "2026-03-01T10:00:00.123457Z"},
                {"t-2", "2026-03-01T10:00:00.123456Z"}}) {
            java.sql.Timestamp stored = jdbc.queryForObject(
                    "select occurred_at from purchase where tenant_id = ? and order_id = ?", java.sql.Timestamp.class,
                    tenant.id(), expected[0]);
            assertThat(stored.toInstant()).as(expected[0]).isEqualTo(java.time.Instant.parse(expected[1]));
        }
        assertThat(outbox(tenant, "purchase.recorded")).extracting(row -> Api.JSON.readTree(row.get("payload")
                .toString()).path("occurredAt").asString()).containsExactlyInAnyOrder("2026-03-01T10:00:00.123457Z",
                "2026-03-01T10:00:00.123456Z");
    }

    @Test
    void shouldTreatTheSameOrderIdAsOnePurchaseWhateverTheIdempotencyKey() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        Api.Response first = recordPurchase(tenant, member, "order-dup", "10.00");

        Api.Response again = recordPurchase(tenant, member, "order-dup", "10.00");
        Api.Response changed = recordPurchase(tenant, member, "order-dup", "11.00");

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(changed.status()).isEqualTo(409);
        assertThat(changed.code()).isEqualTo("order_exists");
        assertThat(balance(tenant, member)).isEqualTo(10);
        assertThat(outbox(tenant, "purchase.recorded")).hasSize(1);
    }

    @Test
    void shouldRecordAPurchaseWorthLessThanAPointWithoutAnEntry() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        credit(tenant, member, 5);

        Api.Response response = recordPurchase(tenant, member, "order-small", "0.99");

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.longAt("pointsAwarded")).isZero();
        assertThat(response.json().path("awards")).isEmpty();
        assertThat(response.longAt("balance")).isEqualTo(5);
        assertThat(entries(tenant)).isEqualTo(1);
    }

    @Test
    void shouldFindTheMemberByCardNumberOrExternalId() {
        Tenant tenant = newTenant();
        UUID member = MemberServiceStub.register(tenant.id(), "active", "CARD-1", "shop-42");
        Map<String, Object> byCard = purchase(member, "order-card", "5.00");
        byCard.remove("memberId");
        byCard.put("cardNumber", "CARD-1");
        Map<String, Object> byExternal = purchase(member, "order-ext", "7.00");
        byExternal.remove("memberId");
        byExternal.put("externalId", "shop-42");

        assertThat(api.post("/api/v1/purchases", tenant.adminToken(), key(), byCard).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/purchases", tenant.adminToken(), key(), byExternal).status()).isEqualTo(201);

        assertThat(balance(tenant, member)).isEqualTo(12);
    }

    @Test
    void shouldAnswer404ForAMemberNobodyKnows() {
        Tenant tenant = newTenant();

        Api.Response response = recordPurchase(tenant, UUID.randomUUID(), "order-x", "10.00");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.code()).isEqualTo("member_not_found");
        assertThat(entries(tenant)).isZero();
    }

    @Test
    void shouldRefuseToMovePointsOfAFrozenOrClosedMember() {
        Tenant tenant = newTenant();
        UUID frozen = MemberServiceStub.register(tenant.id(), "frozen", null, null);
        UUID closed = MemberServiceStub.register(tenant.id(), "closed", null, null);

        Api.Response onFrozen = recordPurchase(tenant, frozen, "order-f", "10.00");
        Api.Response onClosed = adjust(tenant, closed, 10, key());

        assertThat(onFrozen.status()).isEqualTo(409);
        assertThat(onFrozen.code()).isEqualTo("member_frozen");
        assertThat(onClosed.status()).isEqualTo(409);
        assertThat(onClosed.code()).isEqualTo("member_closed");
        assertThat(entries(tenant)).isZero();
    }

    @Test
    void shouldAnswer503WhenMemberServiceCannotBeAsked() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        MemberServiceStub.breakFor(tenant.id());

        Api.Response response = recordPurchase(tenant, member, "order-down", "10.00");

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.code()).isEqualTo("member_service_unavailable");
    }

    @Test
    void shouldLetOnlyTenantAdminsAdjustAndRequireAReason() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        String staff = TestIdentities.tenantToken(tenant.id().toString(), "tenant-staff");

        Api.Response byStaff = api.post("/api/v1/points/adjustments", staff, key(),
                Map.of("memberId", member.toString(), "points", 10, "reason", "goodwill"));
        Api.Response noReason = api.post("/api/v1/points/adjustments", tenant.adminToken(), key(),
                Map.of("memberId", member.toString(), "points", 10));
        Api.Response staffPurchase = api.post("/api/v1/purchases", staff, key(), purchase(member, "o-s", "3.00"));

        assertThat(byStaff.status()).isEqualTo(403);
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(staffPurchase.status()).isEqualTo(201);
        assertThat(balance(tenant, member)).isEqualTo(3);
    }

    @Test
    void shouldAuditAdjustmentsWithWhoAndWhyAndRefuseOverdrafts() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        credit(tenant, member, 50);

        Api.Response debit = adjust(tenant, member, -20, key());
        Api.Response overdraft = adjust(tenant, member, -31, key());

        assertThat(debit.status()).isEqualTo(201);
        assertThat(debit.longAt("balance")).isEqualTo(30);
        assertThat(overdraft.status()).isEqualTo(422);
        assertThat(overdraft.code()).isEqualTo("insufficient_points");
        List<Map<String, Object>> audit = jdbc.queryForList(
                "select kind, reason, note, actor, actor_client from ledger_entry where tenant_id = ? and points < 0",
                tenant.id());
        assertThat(audit).hasSize(1);
        assertThat(audit.getFirst()).containsEntry("kind", "adjust").containsEntry("reason", "admin")
                .containsEntry("note", "test").containsEntry("actor_client", "jifen-cli");
        assertThat(audit.getFirst().get("actor")).isNotNull();
        assertThat(outbox(tenant, "points.reversed")).hasSize(1);
    }

    @Test
    void shouldPageAndFilterAMembersEntriesNewestFirst() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        credit(tenant, member, 1);
        credit(tenant, member, 2);
        adjust(tenant, member, -3, key());
        String entries = "/api/v1/members/" + member + "/points/entries";

        JsonNode first = api.get(entries + "?size=2", tenant.adminToken()).json();
        JsonNode second = api.get(entries + "?size=2&page=1", tenant.adminToken()).json();
        JsonNode credits = api.get(entries + "?kind=adjust&from=2000-01-01T00:00:00Z", tenant.adminToken()).json();
        JsonNode future = api.get(entries + "?from=2999-01-01T00:00:00Z", tenant.adminToken()).json();

        assertThat(first.path("items")).hasSize(2);
        assertThat(first.path("items").get(0).path("points").asLong()).isEqualTo(-3);
        assertThat(first.path("items").get(0).path("balanceAfter").asLong()).isZero();
        assertThat(first.path("hasMore").asBoolean()).isTrue();
        assertThat(second.path("items")).hasSize(1);
        assertThat(second.path("items").get(0).path("points").asLong()).isEqualTo(1);
        assertThat(second.path("hasMore").asBoolean()).isFalse();
        assertThat(credits.path("items")).hasSize(3);
        assertThat(future.path("items")).isEmpty();
    }

    List<Map<String, Object>> outbox(Tenant tenant, String type) {
        return jdbc.queryForList("select payload::text as payload from outbox_event where tenant_id = ? and type = ?",
                tenant.id(), type);
    }
}
