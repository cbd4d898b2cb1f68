package io.jifen.points;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.Oid;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/v1/purchases/batch}: many purchases in one call, each as {@code POST /api/v1/purchases}. */
class BatchPurchaseIT extends PointsServiceTestBase {

    private static final String BATCH = "/api/v1/purchases/batch";

    @Test
    void shouldEarnEveryMemberTheDefaultPointsOfAllItsPurchasesInABatchOfTwoHundred() {
        Tenant tenant = newTenant();
        List<UUID> members = members(tenant, 20);
        Orders orders = orders(members, 200, "pos-");

        Api.Response response = batch(tenant, key(), orders.bodies());

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.path("accepted").asInt()).isEqualTo(200);
        assertThat(body.path("duplicates").asInt()).isZero();
        assertThat(body.path("rejected").asInt()).isZero();
        for (int i = 0; i < 200; i++) {
            JsonNode result = body.path("results").get(i);
            assertThat(result.path("orderId").asString()).as("results keep request order").isEqualTo("pos-" + i);
            assertThat(result.path("status").asString()).isEqualTo("recorded");
            assertThat(result.path("pointsAwarded").asLong()).isEqualTo(orders.points().get(i));
        }
        for (UUID member : members) {
            assertThat(balance(tenant, member)).isEqualTo(orders.expectedBalance(member));
        }
        assertThat(outboxCount(tenant, "purchase.recorded")).isEqualTo(200);
        assertThat(outboxCount(tenant, "points.earned")).isEqualTo(200);
    }

    @Test
    void shouldReplayTheSameBatchUnderTheSameKeyAndAnswerDuplicatesUnderANewKey() {
        Tenant tenant = newTenant();
        List<UUID> members = members(tenant, 5);
        Orders orders = orders(members, 30, "till-");
        String key = key();
        Api.Response first = batch(tenant, key, orders.bodies());
        long entries = entries(tenant);

        Api.Response replay = batch(tenant, key, orders.bodies());
        Api.Response again = batch(tenant, key(), orders.bodies());

        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.body()).isEqualTo(first.body());
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().path("duplicates").asInt()).isEqualTo(30);
        assertThat(again.json().path("accepted").asInt()).isZero();
        for (int i = 0; i < 30; i++) {
            JsonNode result = again.json().path("results").get(i);
            assertThat(result.path("status").asString()).isEqualTo("duplicate");
            assertThat(result.path("pointsAwarded").asLong()).isEqualTo(orders.points().get(i));
            assertThat(result.path("balance")).as("the balance after it, as first answered")
                    .isEqualTo(first.json().path("results").get(i).path("balance"));
        }
        assertThat(entries(tenant)).as("nothing earned twice").isEqualTo(entries);
        for (UUID member : members) {
            assertThat(balance(tenant, member)).isEqualTo(orders.expectedBalance(member));
        }
        assertThat(outboxCount(tenant, "purchase.recorded")).isEqualTo(30);
    }

    @Test
    void shouldRejectOnlyTheRefusedPurchasesAndRecordTheRest() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        UUID frozen = MemberServiceStub.register(tenant.id(), "frozen", null, null);
        UUID closed = MemberServiceStub.register(tenant.id(), "closed", null, null);
        UUID byCard = MemberServiceStub.register(tenant.id(), "active", "CARD-B1", null);
        assertThat(recordPurchase(tenant, member, "m-2", "99.00").status()).isEqualTo(201);
        Map<String, Object> byCardNumber = new HashMap<>(purchase(member, "m-5", "7.00"));
        byCardNumber.remove("memberId");
        byCardNumber.put("cardNumber", "CARD-B1");

        // m-1 and m-3 lock the same account as the refused m-2, in the same chunk: the redo must not double them.
        Api.Response response = batch(tenant, key(), List.of(purchase(member, "m-3", "30.00"),
                purchase(member, "m-2", "10.00"), purchase(UUID.randomUUID(), "m-4", "10.00"),
                purchase(frozen, "m-6", "10.00"), byCardNumber, purchase(closed, "m-7", "10.00"),
                purchase(member, "m-1", "20.00"), purchase(member, "m-1", "20.00"),
                purchase(member, "m-3", "31.00")));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode results = response.json().path("results");
        assertThat(statuses(results)).containsExactly("recorded", "rejected", "rejected", "rejected", "recorded",
                "rejected", "recorded", "duplicate", "rejected");
        assertThat(codes(results)).containsExactly("", "order_exists", "member_not_found", "member_frozen", "",
                "member_closed", "", "", "order_exists");
        assertThat(results.get(1).path("detail").asString()).contains("m-2");
        assertThat(response.json().path("accepted").asInt()).isEqualTo(3);
        assertThat(response.json().path("duplicates").asInt()).isEqualTo(1);
        assertThat(response.json().path("rejected").asInt()).isEqualTo(5);
        assertThat(balance(tenant, member)).isEqualTo(99 + 30 + 20);
        assertThat(balance(tenant, byCard)).isEqualTo(7);
        assertThat(entries(tenant)).isEqualTo(4);
        assertThat(outboxCount(tenant, "purchase.recorded")).isEqualTo(4);
    }

    @Test
    void shouldCompleteTwoConcurrentBatchesOverTheSameMembersInOppositeOrder() throws Exception {
        Tenant tenant = newTenant();
        List<UUID> members = members(tenant, 10);
        Orders shared = orders(members, 150, "shared-");
        Orders own = orders(members, 150, "own-");
        List<Map<String, Object>> forwards = new ArrayList<>(shared.bodies());
        List<Map<String, Object>> backwards = new ArrayList<>(shared.bodies());
        Collections.reverse(backwards);
        backwards.addAll(0, own.bodies().reversed());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Response>> replies = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            for (List<Map<String, Object>> bodies : List.of(forwards, backwards)) {
                replies.add(pool.submit(() -> {
                    start.await();
                    return batch(tenant, key(), bodies);
                }));
            }
            start.countDown();
        }

        int recorded = 0;
        for (Future<Api.Response> reply : replies) {
            Api.Response response = reply.get();
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            assertThat(response.json().path("rejected").asInt()).isZero();
            recorded += response.json().path("accepted").asInt();
        }
        assertThat(recorded).as("each shared order recorded once, by one of the batches").isEqualTo(300);
        for (UUID member : members) {
            assertThat(balance(tenant, member)).isEqualTo(shared.expectedBalance(member)
                    + own.expectedBalance(member));
        }
        assertThat(outboxCount(tenant, "purchase.recorded")).isEqualTo(300);
    }

    @Test
    void shouldRefuseABadBatchWholeWithA400ProblemAndStoreNothing() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        List<Map<String, Object>> tooMany = orders(List.of(member), 1001, "big-").bodies();
        List<Map<String, Object>> oneBad = new ArrayList<>(orders(List.of(member), 5, "bad-").bodies());
        oneBad.get(3).put("amount", -1);

        Api.Response large = batch(tenant, key(), tooMany);
        Api.Response invalid = batch(tenant, key(), oneBad);
        Api.Response empty = batch(tenant, key(), List.of());
        Api.Response notAnArray = api.post(BATCH, tenant.adminToken(), key(), Map.of("purchases", "pos-1"));
        Api.Response noKey = api.post(BATCH, tenant.adminToken(), null, Map.of("purchases", oneBad.subList(0, 2)));

        for (Api.Response response : List.of(large, invalid, empty, notAnArray, noKey)) {
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.code()).isNotBlank();
        }
        assertThat(large.code()).isEqualTo("validation_failed");
        assertThat(large.json().path("errors").get(0).path("field").asString()).isEqualTo("purchases");
        assertThat(invalid.json().path("errors").get(0).path("field").asString()).isEqualTo("purchases[3].amount");
        assertThat(noKey.code()).isEqualTo("idempotency_key_required");
        assertThat(entries(tenant)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from purchase where tenant_id = ?", Long.class, tenant.id()))
                .isZero();
    }

    private Api.Response batch(Tenant tenant, String key, List<Map<String, Object>> purchases) {
        return api.post(BATCH, tenant.adminToken(), key, Map.of("purchases", purchases));
    }

    private static List<UUID> members(Tenant tenant, int count) {
        List<UUID> members = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            members.add(newMember(tenant));
        }
        return members;
    }

    /** Purchases {@code prefix + i} spread round-robin over the members, of varied amounts with cents. */
    private static Orders orders(List<UUID> members, int count, String prefix) {
        List<Map<String, Object>> bodies = new ArrayList<>();
        List<Long> points = new ArrayList<>();
        List<UUID> owners = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long whole = 1 + (i * 37L) % 250;
            UUID member = members.get(i % members.size());
            bodies.add(new HashMap<>(purchase(member, prefix + i, whole + "." + (10 + i % 90))));
            points.add(whole); // the default rule: a point per whole currency unit
            owners.add(member);
        }
        return new Orders(bodies, points, owners);
    }

    private record Orders(List<Map<String, Object>> bodies, List<Long> points, List<UUID> owners) {

        long expectedBalance(UUID member) {
            long sum = 0;
            for (int i = 0; i < owners.size(); i++) {
                sum += owners.get(i).equals(member) ? points.get(i) : 0;
            }
            return sum;
        }
    }

    private static List<String> statuses(JsonNode results) {
        List<String> statuses = new ArrayList<>();
        results.forEach(result -> statuses.add(result.path("status").asString()));
        return statuses;
    }

    private static List<String> codes(JsonNode results) {
        List<String> codes = new ArrayList<>();
        results.forEach(result -> codes.add(result.path("code").asString()));
        return codes;
    }

    private long outboxCount(Tenant tenant, String type) {
        return jdbc.queryForObject("select count(*) from outbox_event where tenant_id = ? and type = ?", Long.class,
                tenant.id(), type);
    }

    @Autowired
    DataSource dataSource;

    @Test
    void shouldBindTheBatchsIdArraysInBinary() throws SQLException {
        // SqlArray sends uuid[] in binary only where the connection does (application.yml, binaryTransferEnable).
        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.unwrap(BaseConnection.class).binaryTransferSend(Oid.UUID_ARRAY)).isTrue();
        }
    }
}
