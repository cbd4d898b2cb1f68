package io.jifen.points;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * {@code POST /api/v1/purchases} under load (docs/adr/0014-group-commit-of-single-purchases.md): purchases that
 * arrive while all of the tenant's purchase slots are busy are recorded together in one transaction, and each is
 * answered exactly as it would be alone: new, duplicate order, unknown member, reused and replayed keys.
 */
class PurchaseGroupsIT extends PointsServiceTestBase {

    @Autowired
    MeterRegistry meters;

    @Value("${jifen.points.purchases.groups.max-in-flight}")
    int slots;

    @Test
    void shouldAnswerEveryPurchaseOfAGroupAsItWouldBeAnsweredAlone() throws Exception {
        Tenant tenant = newTenant();
        List<UUID> held = new ArrayList<>();
        for (int slot = 0; slot < slots; slot++) {
            held.add(newMember(tenant));
            credit(tenant, held.get(slot), 1);
        }
        UUID bea = newMember(tenant);
        UUID chen = newMember(tenant);
        String storedKey = key();
        Api.Response storedFirst = api.post("/api/v1/purchases", tenant.adminToken(), storedKey,
                purchase(chen, "o-10", "10.00"));
        String reusedKey = key();
        assertThat(api.post("/api/v1/purchases", tenant.adminToken(), reusedKey, purchase(chen, "o-11", "11.00"))
                .status()).isEqualTo(201);

        Map<String, Object> withItems = new LinkedHashMap<>(purchase(chen, "o-4", "40.50"));
        withItems.put("items", List.of(Map.of("sku", "TEA", "category", "tea", "quantity", 3, "unitPrice", "13.50")));
        Map<String, CompletableFuture<Api.Response>> replies = new LinkedHashMap<>();
        Map<String, String> keys = new HashMap<>();
        try (Connection holder = superuserConnection()) {
            holder.setAutoCommit(false);
            // One purchase alone per slot takes all of the tenant's slots and waits inside its transaction.
            for (int slot = 0; slot < slots; slot++) {
                lockAccount(holder, tenant, held.get(slot));
                replies.put("held-" + slot, post(tenant, key(), purchase(held.get(slot), "h-" + slot, "5.00")));
            }
            awaitBlockedBy(holder, slots);
            // These queue, in this order, for the next slot.
            queue(replies, keys, "new", tenant, purchase(bea, "o-3", "30.99"));
            queue(replies, keys, "items", tenant, withItems);
            queue(replies, keys, "sameOrder", tenant, purchase(bea, "o-3", "30.99"));
            queue(replies, keys, "unknownMember", tenant, purchase(UUID.randomUUID(), "o-6", "6.00"));
            queue(replies, keys, "reusedKey", tenant, reusedKey, purchase(chen, "o-9", "9.00"));
            queue(replies, keys, "storedKey", tenant, storedKey, purchase(chen, "o-10", "10.00"));
            holder.rollback();
        }
        Map<String, Api.Response> answers = new LinkedHashMap<>();
        for (Map.Entry<String, CompletableFuture<Api.Response>> reply : replies.entrySet()) {
            answers.put(reply.getKey(), reply.getValue().get(30, TimeUnit.SECONDS));
        }

        assertThat(groupSizes().max()).as("the six waiting purchases went in one transaction").isGreaterThanOrEqualTo(6);
        for (int slot = 0; slot < slots; slot++) {
            assertThat(answers.get("held-" + slot).status()).isEqualTo(201);
            assertThat(balance(tenant, held.get(slot))).isEqualTo(1 + 5);
        }
        // One of two requests for one order records it; the other is told it is there, with the same result.
        Api.Response newOrder = answers.get("new");
        Api.Response sameOrder = answers.get("sameOrder");
        assertThat(List.of(newOrder.status(), sameOrder.status())).containsExactlyInAnyOrder(201, 200);
        assertThat(sameOrder.body()).isEqualTo(newOrder.body());
        assertThat(newOrder.longAt("pointsAwarded")).isEqualTo(30);
        assertThat(answers.get("items").status()).as(answers.get("items").toString()).isEqualTo(201);
        assertThat(answers.get("items").longAt("pointsAwarded")).isEqualTo(40);
        assertThat(answers.get("items").longAt("balance")).isEqualTo(10 + 11 + 40);
        assertThat(answers.get("unknownMember").status()).isEqualTo(404);
        assertThat(answers.get("unknownMember").code()).isEqualTo("member_not_found");
        assertThat(answers.get("reusedKey").status()).isEqualTo(422);
        assertThat(answers.get("reusedKey").code()).isEqualTo("idempotency_key_reused");
        assertThat(answers.get("storedKey").status()).isEqualTo(201);
        assertThat(answers.get("storedKey").body()).isEqualTo(storedFirst.body());

        assertThat(balance(tenant, bea)).isEqualTo(30);
        assertThat(balance(tenant, chen)).isEqualTo(10 + 11 + 40);
        assertThat(storedKeys(tenant, keys.get("unknownMember"))).as("a refused purchase stores nothing").isZero();
        assertThat(storedKeys(tenant, keys.get("new")) + storedKeys(tenant, keys.get("sameOrder"))
                + storedKeys(tenant, keys.get("items"))).isEqualTo(3);
        // The repeats replay what was stored for their keys, byte for byte.
        for (String name : List.of("new", "items", "sameOrder")) {
            Map<String, Object> body = switch (name) {
                case "items" -> withItems;
                default -> purchase(bea, "o-3", "30.99");
            };
            Api.Response repeat = api.post("/api/v1/purchases", tenant.adminToken(), keys.get(name), body);
            assertThat(repeat.body()).as(name).isEqualTo(answers.get(name).body());
            assertThat(repeat.status()).as(name).isEqualTo(answers.get(name).status());
        }
        assertThat(jdbc.queryForObject("select count(*) from purchase where tenant_id = ?", Long.class, tenant.id()))
                .isEqualTo(4 + slots);
        assertThat(jdbc.queryForObject("select count(*) from outbox_event where tenant_id = ? and type = 'purchase.recorded'",
                Long.class, tenant.id())).isEqualTo(4 + slots);
    }

    @Test
    void shouldKeepEveryPointOfManyConcurrentPurchasesOfFewMembers() throws Exception {
        Tenant tenant = newTenant();
        List<UUID> members = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            members.add(newMember(tenant));
        }
        long before = groupSizes().count();
        List<Future<Api.Response>> replies = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(24)) {
            for (int i = 0; i < 240; i++) {
                UUID member = members.get(i % members.size());
                String order = "c-" + i;
                String amount = (i % 50 + 1) + ".75";
                replies.add(clients.submit(() -> recordPurchase(tenant, member, order, amount)));
            }
        }
        for (Future<Api.Response> reply : replies) {
            assertThat(reply.get().status()).as(reply.get().toString()).isEqualTo(201);
        }

        long expected = 0;
        for (int i = 0; i < 240; i++) {
            expected += i % 50 + 1;
        }
        long total = 0;
        for (UUID member : members) {
            total += balance(tenant, member);
        }
        assertThat(total).isEqualTo(expected);
        assertThat(entries(tenant)).isEqualTo(240);
        assertThat(groupSizes().count() - before).as("transactions").isBetween(1L, 240L);
    }

    private DistributionSummary groupSizes() {
        return meters.get("jifen.points.purchases.group.size").summary();
    }

    private CompletableFuture<Api.Response> post(Tenant tenant, String key, Map<String, Object> body) {
        Supplier<Api.Response> call = () -> api.post("/api/v1/purchases", tenant.adminToken(), key, body);
        return CompletableFuture.supplyAsync(call);
    }

    private void queue(Map<String, CompletableFuture<Api.Response>> replies, Map<String, String> keys, String name,
            Tenant tenant, Map<String, Object> body) {
        queue(replies, keys, name, tenant, key(), body);
    }

    /** Sends the purchase and waits until it is queued behind the ones before it. */
    private void queue(Map<String, CompletableFuture<Api.Response>> replies, Map<String, String> keys, String name,
            Tenant tenant, String key, Map<String, Object> body) {
        int queued = waiting() + 1;
        keys.put(name, key);
        replies.put(name, post(tenant, key, body));
        await().atMost(Duration.ofSeconds(20)).until(this::waiting, waiting -> waiting == queued);
    }

    private int waiting() {
        return (int) meters.get("jifen.points.purchases.group.waiting").gauge().value();
    }

    private void awaitBlockedBy(Connection holder, int sessions) throws SQLException {
        int holderPid;
        try (PreparedStatement pid = holder.prepareStatement("select pg_backend_pid()");
                ResultSet row = pid.executeQuery()) {
            row.next();
            holderPid = row.getInt(1);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from pg_stat_activity where ? = any(pg_blocking_pids(pid))", Integer.class,
                holderPid), blocked -> blocked == sessions);
    }

    private long storedKeys(Tenant tenant, String key) {
        return jdbc.queryForObject("select count(*) from idempotency_key where tenant_id = ? and key = ?",
                Long.class, tenant.id(), key);
    }
}
