package io.jifen.points;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of ledger operations against an in-memory model of what they must do: after every operation the
 * service's answer and every member's balance agree with the model. Each run draws its seeds at random and names them
 * in any failure; {@code -Djifen.ledger.seed=N} replays one sequence exactly.
 */
class LedgerPropertyIT extends PointsServiceTestBase {

    private static final int OPERATIONS = 120;
    private static final int MEMBERS = 4;

    @Test
    void shouldAgreeWithTheModelOnRandomSequencesOfEarnRefundTransferAndAdjust() {
        String replay = System.getProperty("jifen.ledger.seed");
        List<Long> seeds = replay != null ? List.of(Long.parseLong(replay))
                : LongStream.generate(() -> new Random().nextLong()).limit(3).boxed().toList();
        for (long seed : seeds) {
            new Run(seed).play();
        }
    }

    /** One seeded sequence on a fresh tenant. */
    private final class Run {

        private final long seed;
        private final Random random;
        private final Tenant tenant = newTenant();
        private final List<UUID> members = new ArrayList<>();
        private final Map<UUID, Long> balances = new HashMap<>();
        private final List<Order> orders = new ArrayList<>();
        private final List<String> log = new ArrayList<>();

        Run(long seed) {
            this.seed = seed;
            this.random = new Random(seed);
        }

        void play() {
            jdbc.update("insert into tenant_settings (tenant_id, transfers_enabled) values (?, true)", tenant.id());
            for (int i = 0; i < MEMBERS; i++) {
                UUID member = newMember(tenant);
                members.add(member);
                balances.put(member, 0L);
            }
            for (int i = 0; i < OPERATIONS; i++) {
                int pick = random.nextInt(100);
                if (pick < 40 || orders.isEmpty()) {
                    earn();
                } else if (pick < 65) {
                    refund();
                } else if (pick < 80) {
                    transfer();
                } else if (pick < 95) {
                    adjustSomeone();
                } else {
                    repeatAPurchase();
                }
                for (UUID member : members) {
                    assertThat(balance(tenant, member)).as(context("balance of " + member)).isEqualTo(balances.get(member));
                }
            }
        }

        private void earn() {
            UUID member = anyMember();
            BigDecimal amount = BigDecimal.valueOf(1 + random.nextInt(99_999), 2);
            Order order = new Order("o-" + orders.size(), member, amount, key());
            Api.Response response = api.post("/api/v1/purchases", tenant.adminToken(), order.key,
                    LedgerPropertyIT.purchase(member, order.id, amount.toPlainString()));
            long points = amount.setScale(0, RoundingMode.FLOOR).longValueExact();
            log.add("purchase " + order.id + " by " + member + " of " + amount + " → " + response.status());
            expect(response, 201);
            assertThat(response.longAt("pointsAwarded")).as(context("points of " + order.id)).isEqualTo(points);
            order.points = points;
            orders.add(order);
            balances.merge(member, points, Long::sum);
        }

        /** The README's rule: refunds totalling R of A reverse floor(P × R / A) together; spent points are forgiven. */
        private void refund() {
            Order order = orders.get(random.nextInt(orders.size()));
            BigDecimal left = order.amount.subtract(order.refunded);
            boolean tooMuch = random.nextInt(10) == 0;
            BigDecimal amount = tooMuch ? left.add(new BigDecimal("0.01"))
                    : left.signum() == 0 ? new BigDecimal("0.01")
                    : BigDecimal.valueOf(1 + random.nextLong(left.movePointRight(2).longValueExact()), 2);
            Api.Response response = api.post("/api/v1/purchases/" + order.id + "/refunds", tenant.adminToken(), key(),
                    Map.of("refundId", "r-" + order.refunds++, "amount", amount));
            log.add("refund " + amount + " of " + order.id + " → " + response.status());
            if (amount.compareTo(left) > 0) {
                expect(response, 422);
                assertThat(response.code()).isEqualTo("refund_exceeds_purchase");
                return;
            }
            expect(response, 201);
            BigDecimal refunded = order.refunded.add(amount);
            long dueNow = BigDecimal.valueOf(order.points).multiply(refunded)
                    .divide(order.amount, 0, RoundingMode.FLOOR).longValueExact();
            long due = dueNow - order.dueSoFar;
            long taken = Math.min(due, Math.max(0, balances.get(order.member)));
            assertThat(response.longAt("pointsReversed")).as(context("reversed by the refund")).isEqualTo(taken);
            order.refunded = refunded;
            order.dueSoFar = dueNow;
            balances.merge(order.member, -taken, Long::sum);
        }

        private void transfer() {
            UUID from = anyMember();
            UUID to = anyMember();
            long points = 1 + random.nextInt(300);
            Api.Response response = api.post("/api/v1/points/transfers", tenant.adminToken(), key(),
                    Map.of("fromMemberId", from.toString(), "toMemberId", to.toString(), "points", points));
            log.add("transfer " + points + " " + from + " → " + to + " → " + response.status());
            if (from.equals(to)) {
                expect(response, 400);
            } else if (balances.get(from) < points) {
                expect(response, 422);
                assertThat(response.code()).isEqualTo("insufficient_points");
            } else {
                expect(response, 201);
                balances.merge(from, -points, Long::sum);
                balances.merge(to, points, Long::sum);
            }
        }

        private void adjustSomeone() {
            UUID member = anyMember();
            long points = (random.nextBoolean() ? 1 : -1) * (1 + random.nextInt(500));
            Api.Response response = LedgerPropertyIT.this.adjust(tenant, member, points, key());
            log.add("adjust " + member + " by " + points + " → " + response.status());
            if (balances.get(member) + points < 0) {
                expect(response, 422);
                assertThat(response.code()).isEqualTo("insufficient_points");
            } else {
                expect(response, 201);
                balances.merge(member, points, Long::sum);
            }
        }

        /** A client retrying an earlier purchase with its key: the first reply again, nothing new. */
        private void repeatAPurchase() {
            Order order = orders.get(random.nextInt(orders.size()));
            Api.Response response = api.post("/api/v1/purchases", tenant.adminToken(), order.key,
                    LedgerPropertyIT.purchase(order.member, order.id, order.amount.toPlainString()));
            log.add("repeat purchase " + order.id + " → " + response.status());
            assertThat(response.status()).as(context("repeat of " + order.id)).isIn(200, 201);
            assertThat(response.longAt("pointsAwarded")).isEqualTo(order.points);
        }

        private void expect(Api.Response response, int status) {
            assertThat(response.status()).as(context(response.toString())).isEqualTo(status);
        }

        private UUID anyMember() {
            return members.get(random.nextInt(members.size()));
        }

        private String context(String what) {
            List<String> recent = log.subList(Math.max(0, log.size() - 8), log.size());
            return "seed " + seed + " (replay: -Djifen.ledger.seed=" + seed + "), step " + log.size() + ": " + what
                    + "\nlast steps:\n  " + String.join("\n  ", recent);
        }
    }

    private static final class Order {
        final String id;
        final UUID member;
        final BigDecimal amount;
        final String key;
        long points;
        BigDecimal refunded = BigDecimal.ZERO;
        long dueSoFar;
        int refunds;

        Order(String id, UUID member, BigDecimal amount, String key) {
            this.id = id;
            this.member = member;
            this.amount = amount;
            this.key = key;
        }
    }
}
