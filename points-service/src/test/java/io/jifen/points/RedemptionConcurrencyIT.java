package io.jifen.points;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** QUALITY.md's races, through the redemption endpoint. */
class RedemptionConcurrencyIT extends RewardTestBase {

    @Test
    void shouldNeverOverdrawOneBalanceUnderConcurrentRedemptions() throws Exception {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        earn(tenant, member, 100);
        UUID one = createReward(tenant, reward("service", 1));
        UUID hundred = createReward(tenant, reward("service", 100));

        List<Callable<Api.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 550; i++) {
            UUID reward = i % 11 == 0 ? hundred : one; // 50 of 100 and 500 of 1, interleaved
            calls.add(() -> redeem(tenant, member, reward, 1, key()));
        }
        List<Api.Response> replies = runConcurrently(calls);

        long accepted = 0;
        int accepted100 = 0;
        for (Api.Response reply : replies) {
            if (reply.status() == 201) {
                accepted += reply.longAt("pointsSpent");
                accepted100 += reply.longAt("pointsSpent") == 100 ? 1 : 0;
            } else {
                assertThat(reply.status()).as(reply.toString()).isEqualTo(422);
                assertThat(reply.code()).isEqualTo("insufficient_points");
            }
        }
        long balance = balance(tenant, member);
        assertThat(balance).isGreaterThanOrEqualTo(0);
        assertThat(accepted).isEqualTo(100 - balance);
        assertThat(accepted100).isLessThanOrEqualTo(1);
        Long debited = jdbc.queryForObject("""
                select coalesce(-sum(points), 0) from ledger_entry where tenant_id = ? and kind = 'spend'""",
                Long.class, tenant.id());
        assertThat(debited).isEqualTo(accepted);
        Long recorded = jdbc.queryForObject("select coalesce(sum(points_spent), 0) from redemption where tenant_id = ?",
                Long.class, tenant.id());
        assertThat(recorded).isEqualTo(accepted);
        assertThat(jdbc.queryForObject("select min(balance_after) from ledger_entry where tenant_id = ?",
                Long.class, tenant.id())).isGreaterThanOrEqualTo(0);
    }

    @Test
    void shouldSellExactlyTheStockToConcurrentMembers() throws Exception {
        Tenant tenant = newTenant();
        UUID reward = createReward(tenant, with(reward("goods", 10), "stock", 5));
        List<Callable<Api.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            UUID member = newMember(tenant);
            earn(tenant, member, 10);
            calls.add(() -> redeem(tenant, member, reward));
        }

        List<Api.Response> replies = runConcurrently(calls);

        assertThat(replies.stream().filter(reply -> reply.status() == 201)).hasSize(5);
        assertThat(replies.stream().filter(reply -> reply.status() != 201))
                .allSatisfy(reply -> {
                    assertThat(reply.status()).as(reply.toString()).isEqualTo(409);
                    assertThat(reply.code()).isEqualTo("out_of_stock");
                });
        assertThat(api.get("/api/v1/rewards/" + reward, tenant.adminToken()).longAt("stock")).isZero();
        assertThat(redemptions(tenant)).isEqualTo(5);
        assertThat(jdbc.queryForObject("select count(*) from ledger_entry where tenant_id = ? and kind = 'spend'",
                Long.class, tenant.id())).isEqualTo(5);
    }

    @Test
    void shouldHandEachCouponCodeOutOnceUnderConcurrentRedemptions() throws Exception {
        Tenant tenant = newTenant();
        UUID reward = createReward(tenant, reward("coupon", 1));
        List<String> imported = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            imported.add("CODE-" + i);
        }
        api.post("/api/v1/rewards/" + reward + "/coupon-codes", tenant.adminToken(), null, Map.of("codes", imported));
        UUID member = newMember(tenant);
        earn(tenant, member, 100);

        List<Callable<Api.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            calls.add(() -> redeem(tenant, member, reward));
        }
        List<Api.Response> replies = runConcurrently(calls);

        Set<String> handedOut = new HashSet<>();
        for (Api.Response reply : replies) {
            if (reply.status() == 201) {
                assertThat(handedOut.add(reply.json().path("couponCode").asString())).as("code handed out twice")
                        .isTrue();
            } else {
                assertThat(reply.status()).as(reply.toString()).isEqualTo(409);
                assertThat(reply.code()).isEqualTo("out_of_stock");
            }
        }
        assertThat(handedOut).containsExactlyInAnyOrderElementsOf(imported);
        assertThat(balance(tenant, member)).isEqualTo(80);
        Api.Response empty = redeem(tenant, member, reward);
        assertThat(empty.status()).as(empty.toString()).isEqualTo(409);
        assertThat(empty.code()).isEqualTo("out_of_stock");
        assertThat(balance(tenant, member)).isEqualTo(80);
    }

    @Test
    void shouldLetOnlyOneOfConcurrentRedemptionsPassALimitOfOne() throws Exception {
        Tenant tenant = newTenant();
        UUID reward = createReward(tenant, with(reward("service", 1), "lifetimeLimit", 1));
        UUID member = newMember(tenant);
        earn(tenant, member, 100);

        List<Callable<Api.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(() -> redeem(tenant, member, reward));
        }
        List<Api.Response> replies = runConcurrently(calls);

        assertThat(replies.stream().filter(reply -> reply.status() == 201)).hasSize(1);
        assertThat(replies.stream().filter(reply -> reply.status() != 201))
                .allSatisfy(reply -> assertThat(reply.code()).as(reply.toString()).isEqualTo("lifetime_limit_reached"));
        assertThat(balance(tenant, member)).isEqualTo(99);
    }

    /** Runs every call on a bounded pool, all released at once; the replies in the calls' order. */
    private static List<Api.Response> runConcurrently(List<Callable<Api.Response>> calls) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Response>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
            for (Callable<Api.Response> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
        }
        List<Api.Response> replies = new ArrayList<>();
        for (Future<Api.Response> future : futures) {
            replies.add(future.get());
        }
        return replies;
    }
}
