package io.jifen.points;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jifen.points.idempotency.IdempotencyKeyPruning;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class IdempotencyIT extends PointsServiceTestBase {

    @Autowired
    IdempotencyKeyPruning pruning;

    @Test
    void shouldWriteOneEntryForAThousandSequentialRepeatsAndReplayTheFirstReplyExactly() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        String key = key();
        Map<String, Object> body = purchase(member, "order-seq", "25.00");
        Api.Response first = api.post("/api/v1/purchases", tenant.adminToken(), key, body);

        for (int i = 0; i < 1000; i++) {
            Api.Response repeat = api.post("/api/v1/purchases", tenant.adminToken(), key, body);
            assertThat(repeat.status()).isEqualTo(first.status());
            assertThat(repeat.body()).isEqualTo(first.body());
        }

        assertThat(first.status()).isEqualTo(201);
        assertThat(entries(tenant)).isEqualTo(1);
        assertThat(balance(tenant, member)).isEqualTo(25);
    }

    @Test
    void shouldWriteOneEntryForAHundredConcurrentRepeats() throws Exception {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        credit(tenant, member, 1);
        String key = key();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Response>> replies = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(100)) {
            for (int i = 0; i < 100; i++) {
                replies.add(pool.submit(() -> {
                    start.await();
                    return adjust(tenant, member, 7, key);
                }));
            }
            start.countDown();
        }
        Api.Response settled = adjust(tenant, member, 7, key);

        assertThat(settled.status()).isEqualTo(201);
        for (Future<Api.Response> reply : replies) {
            Api.Response response = reply.get();
            // Each repeat either raced the first (409 while it was in flight) or got its reply, byte for byte.
            if (response.status() == 409) {
                assertThat(response.code()).isEqualTo("idempotency_in_flight");
            } else {
                assertThat(response.status()).isEqualTo(201);
                assertThat(response.body()).isEqualTo(settled.body());
            }
        }
        assertThat(entries(tenant)).isEqualTo(2);
        assertThat(balance(tenant, member)).isEqualTo(8);
    }

    @Test
    void shouldRefuseTheSameKeyWithAnotherBody() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        String key = key();
        adjust(tenant, member, 10, key);

        Api.Response reused = adjust(tenant, member, 11, key);
        Api.Response otherEndpoint = api.post("/api/v1/purchases", tenant.adminToken(), key,
                purchase(member, "order-k", "10.00"));

        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.code()).isEqualTo("idempotency_key_reused");
        assertThat(otherEndpoint.status()).isEqualTo(422);
        assertThat(balance(tenant, member)).isEqualTo(10);
    }

    @Test
    void shouldAnswer409WhileTheFirstRequestIsInFlightAndCommitNothingAboutTheKeyBeforeIt() throws Exception {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        credit(tenant, member, 10);
        String key = key();
        CompletableFuture<Api.Response> first;
        // Holding the account's row lock keeps the first request inside its transaction, after it took the key.
        try (Connection holder = superuserConnection()) {
            holder.setAutoCommit(false);
            lockAccount(holder, tenant, member);
            first = CompletableFuture.supplyAsync(() -> adjust(tenant, member, 5, key));
            awaitBlockedBy(holder);

            Api.Response whileInFlight = adjust(tenant, member, 5, key);

            assertThat(whileInFlight.status()).isEqualTo(409);
            assertThat(whileInFlight.code()).isEqualTo("idempotency_in_flight");
            // Nothing about the key is committed yet: a crash now would leave it free.
            assertThat(storedKeys(tenant, key)).isZero();
            holder.rollback();
        }
        assertThat(first.get().status()).isEqualTo(201);
        assertThat(adjust(tenant, member, 5, key).body()).isEqualTo(first.get().body());
        assertThat(balance(tenant, member)).isEqualTo(15);
    }

    @Test
    void shouldFreeTheKeyAtOnceWhenTheFirstRequestsTransactionDiesBeforeCommit() throws Exception {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        credit(tenant, member, 10);
        String key = key();
        CompletableFuture<Api.Response> first;
        try (Connection holder = superuserConnection()) {
            holder.setAutoCommit(false);
            lockAccount(holder, tenant, member);
            first = CompletableFuture.supplyAsync(() -> adjust(tenant, member, 5, key));
            int blocked = awaitBlockedBy(holder);

            // The first request's database session dies mid-work, as it does when its instance is killed.
            jdbc.queryForObject("select pg_terminate_backend(?)", Boolean.class, blocked);

            assertThat(first.get().status()).as(first.get().toString()).isGreaterThanOrEqualTo(500);
            holder.rollback();
        }
        Api.Response retried = adjust(tenant, member, 5, key);

        assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
        assertThat(adjust(tenant, member, 5, key).body()).isEqualTo(retried.body());
        assertThat(balance(tenant, member)).isEqualTo(15);
    }

    @Test
    void shouldAnswer409ForAKeyAnOlderInstanceClaimedUntilTheClaimIsAbandoned() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        String key = key();
        adjust(tenant, member, 5, key());
        // Instances from before one-transaction idempotency committed a claim of their own first; this one has the
        // hash of the same body (the hash covers endpoint and body, not the key).
        jdbc.update("""
                insert into idempotency_key (tenant_id, key, request_hash, status)
                select tenant_id, ?, request_hash, 'in_flight' from idempotency_key where tenant_id = ?""",
                key, tenant.id());

        Api.Response whileClaimed = adjust(tenant, member, 5, key);
        jdbc.update("""
                update idempotency_key set created_at = now() - interval '6 minutes'
                where tenant_id = ? and key = ?""", tenant.id(), key);
        Api.Response afterAbandoned = adjust(tenant, member, 5, key);
        Api.Response repeat = adjust(tenant, member, 5, key);

        assertThat(whileClaimed.status()).isEqualTo(409);
        assertThat(whileClaimed.code()).isEqualTo("idempotency_in_flight");
        assertThat(afterAbandoned.status()).as(afterAbandoned.toString()).isEqualTo(201);
        assertThat(repeat.body()).isEqualTo(afterAbandoned.body());
        assertThat(balance(tenant, member)).isEqualTo(10);
    }

    @Test
    void shouldRequireAKeyOnEveryWriteThatMovesPoints() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);

        Api.Response purchase = api.post("/api/v1/purchases", tenant.adminToken(), null,
                purchase(member, "order-nk", "10.00"));
        Api.Response refund = api.post("/api/v1/purchases/order-nk/refunds", tenant.adminToken(), null,
                Map.of("refundId", "r", "amount", 1));
        Api.Response adjustment = adjust(tenant, member, 5, null);
        Api.Response oversize = adjust(tenant, member, 5, "k".repeat(256));

        for (Api.Response response : List.of(purchase, refund, adjustment)) {
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.code()).isEqualTo("idempotency_key_required");
        }
        assertThat(oversize.status()).isEqualTo(400);
        assertThat(entries(tenant)).isZero();
    }

    @Test
    void shouldKeepAnotherTenantsSameKeyIndependent() {
        Tenant a = newTenant();
        Tenant b = newTenant();
        UUID memberOfA = newMember(a);
        UUID memberOfB = newMember(b);
        String key = key();

        Api.Response ofA = adjust(a, memberOfA, 10, key);
        Api.Response ofB = adjust(b, memberOfB, 20, key);

        assertThat(ofA.status()).isEqualTo(201);
        assertThat(ofB.status()).isEqualTo(201);
        assertThat(balance(a, memberOfA)).isEqualTo(10);
        assertThat(balance(b, memberOfB)).isEqualTo(20);
    }

    @Test
    void shouldReleaseTheKeyOfAFailedRequestSoItCanBeRetried() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        String key = key();

        Api.Response refused = adjust(tenant, member, -5, key);
        credit(tenant, member, 10);
        Api.Response retried = adjust(tenant, member, -5, key);

        assertThat(refused.code()).isEqualTo("insufficient_points");
        assertThat(retried.status()).isEqualTo(201);
        assertThat(balance(tenant, member)).isEqualTo(5);
    }

    @Test
    void shouldForgetEveryTenantsKeysFirstUsedLongerAgoThanTheRetentionAndKeepTheRecentOnes() {
        Tenant tenant = newTenant();
        Tenant other = newTenant();
        UUID member = newMember(tenant);
        UUID otherMember = newMember(other);
        String old = key();
        String recent = key();
        String othersOld = key();
        assertThat(adjust(tenant, member, 10, old).status()).isEqualTo(201);
        Api.Response recentReply = adjust(tenant, member, 20, recent);
        assertThat(adjust(other, otherMember, 30, othersOld).status()).isEqualTo(201);
        jdbc.update("update idempotency_key set created_at = now() - interval '31 days' where key in (?, ?)", old,
                othersOld);

        // The service's own role, under row security: the pruning declares that it works across tenants.
        assertThat(pruning.prune(Instant.now())).isGreaterThanOrEqualTo(2);

        assertThat(storedKeys(tenant, old)).isZero();
        assertThat(storedKeys(other, othersOld)).isZero();
        assertThat(storedKeys(tenant, recent)).isOne();
        Api.Response replay = adjust(tenant, member, 20, recent);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.body()).isEqualTo(recentReply.body());
        assertThat(balance(tenant, member)).isEqualTo(30);
        // A forgotten key is a new request: the adjustment happens again. Hence a retention of weeks, not minutes.
        assertThat(adjust(tenant, member, 10, old).status()).isEqualTo(201);
        assertThat(balance(tenant, member)).isEqualTo(40);
    }

    /** Waits until a session queues on one of {@code holder}'s locks; answers its pid. */
    private int awaitBlockedBy(Connection holder) throws SQLException {
        int holderPid;
        try (PreparedStatement pid = holder.prepareStatement("select pg_backend_pid()");
                ResultSet row = pid.executeQuery()) {
            row.next();
            holderPid = row.getInt(1);
        }
        return await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForList(
                "select pid from pg_stat_activity where ? = any(pg_blocking_pids(pid))", Integer.class, holderPid),
                pids -> pids.size() == 1).getFirst();
    }

    private long storedKeys(Tenant tenant, String key) {
        return jdbc.queryForObject("select count(*) from idempotency_key where tenant_id = ? and key = ?",
                Long.class, tenant.id(), key);
    }
}
