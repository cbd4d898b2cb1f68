package io.jifen.points;

import static org.assertj.core.api.Assertions.assertThat;

import io.jifen.points.expiry.LotJobs;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Random sequences of ledger operations (earn, refund, transfer, adjust, redeem, cancel a redemption, pay for an
 * order with points, reverse a payment, expire a lot, repeat a purchase) against an in-memory model of what they
 * must do: the model keeps every member's lots, debits take them soonest-expiring first, then oldest
 * ({@code Ledger.consumeLots}), a redemption or a payment remembers the lots it took; a cancellation refills exactly
 * those, a refund of a paid order gives back its share of the payment (soonest-expiring lots first, never more than
 * the payment took from a lot) before it reverses the earned share, and the payment's reversal gives back the rest. After every operation the service's answer, every member's balance and
 * the remaining of each of their active lots agree with the model. Each run draws its seeds at random and names them
 * in any failure; {@code -Djifen.ledger.seed=N} replays one sequence exactly.
 */
class LedgerPropertyIT extends PointsServiceTestBase {

    private static final int OPERATIONS = 150;
    private static final int MEMBERS = 4;

    /** Debits take lots in this order: soonest-expiring first (never-expiring last), then oldest, then by id. */
    private static final Comparator<Lot> CONSUMPTION_ORDER = Comparator
            .comparing((Lot lot) -> lot.expiresAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(lot -> lot.createdAt)
            .thenComparing(lot -> lot.id.toString());

    @Autowired
    LotJobs jobs;

    @Test
    void shouldAgreeWithTheModelOnRandomSequencesOfEarnRedeemPayRefundExpireTransferAndAdjust() {
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
        /** Each member's lots as the model has them, in the order they were created. */
        private final Map<UUID, List<Lot>> lots = new HashMap<>();
        private final List<Order> orders = new ArrayList<>();
        private final List<Redeemed> redeemed = new ArrayList<>();
        private final List<String> log = new ArrayList<>();
        private UUID reward;

        Run(long seed) {
            this.seed = seed;
            this.random = new Random(seed);
        }

        void play() {
            jdbc.update("insert into tenant_settings (tenant_id, transfers_enabled) values (?, true)", tenant.id());
            for (int i = 0; i < MEMBERS; i++) {
                UUID member = newMember(tenant);
                members.add(member);
                lots.put(member, new ArrayList<>());
            }
            reward = createReward();
            for (int i = 0; i < OPERATIONS; i++) {
                int pick = random.nextInt(100);
                if (pick < 27 || orders.isEmpty()) {
                    earn();
                } else if (pick < 42) {
                    refund();
                } else if (pick < 49) {
                    transfer();
                } else if (pick < 57) {
                    adjustSomeone();
                } else if (pick < 66) {
                    redeem();
                } else if (pick < 72) {
                    cancelARedemption();
                } else if (pick < 81) {
                    payWithPoints();
                } else if (pick < 85) {
                    reverseAPayment();
                } else if (pick < 95) {
                    expireALot();
                } else {
                    repeatAPurchase();
                }
                for (UUID member : members) {
                    assertThat(balance(tenant, member)).as(context("balance of " + member)).isEqualTo(modelBalance(member));
                    assertThat(lotsInDatabase(member)).as(context("remaining of the active lots of " + member))
                            .isEqualTo(remainingByLot(member));
                }
            }
            assertThat(liability()).as(context("tenant-service's liability from the events"))
                    .isEqualTo(members.stream().mapToLong(this::modelBalance).sum());
        }

        /** What tenant-service counts from the tenant's events: earned + restored − redeemed − expired − reversed. */
        private long liability() {
            return jdbc.queryForObject("""
                    select coalesce(sum(case when type in ('points.earned', 'points.restored') then 1 else -1 end
                                        * (payload->>'points')::bigint), 0)
                    from outbox_event where tenant_id = ? and type in ('points.earned', 'points.restored', 'points.redeemed',
                                                                 'points.expired', 'points.reversed')""",
                    Long.class, tenant.id());
        }

        private UUID createReward() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", "service");
            body.put("name", "one point");
            body.put("pointsCost", 1);
            Api.Response response = api.post("/api/v1/rewards", tenant.adminToken(), null, body);
            assertThat(response.status()).as(response.toString()).isEqualTo(201);
            return UUID.fromString(response.json().path("id").asString());
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
            credit(member, points);
        }

        /**
         * The README's rule: refunds totalling R of A reverse floor(P × R / A) together; spent points are forgiven
         * (clamp). A reversal is a debit: the member's due lots expire first.
         */
        private void refund() {
            List<Order> paid = orders.stream().filter(candidate -> candidate.paid != null).toList();
            List<Order> from = !paid.isEmpty() && random.nextBoolean() ? paid : orders;
            Order order = from.get(random.nextInt(from.size()));
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
            long givenBack = 0;
            if (order.paid != null) {
                givenBack = Math.max(0, share(order.paid.points, refunded, order.amount) - order.paid.returned);
                giveBack(order.paid, givenBack);
            }
            assertThat(response.longAt("paymentPointsReturned")).as(context("payment points given back"))
                    .isEqualTo(givenBack);
            long dueNow = share(order.points, refunded, order.amount);
            long due = dueNow - order.dueSoFar;
            long taken = 0;
            if (due > 0) {
                expireDue(order.member);
                taken = Math.min(due, modelBalance(order.member));
                debit(order.member, taken);
            }
            assertThat(response.longAt("pointsReversed")).as(context("reversed by the refund")).isEqualTo(taken);
            order.refunded = refunded;
            order.dueSoFar = dueNow;
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
            } else if (spendable(from) < points) {
                expect(response, 422);
                assertThat(response.code()).isEqualTo("insufficient_points");
            } else {
                expect(response, 201);
                expireDue(from);
                debit(from, points);
                credit(to, points);
            }
        }

        private void adjustSomeone() {
            UUID member = anyMember();
            long points = (random.nextBoolean() ? 1 : -1) * (1 + random.nextInt(500));
            Api.Response response = LedgerPropertyIT.this.adjust(tenant, member, points, key());
            log.add("adjust " + member + " by " + points + " → " + response.status());
            if (points > 0) {
                expect(response, 201);
                credit(member, points);
            } else if (spendable(member) + points < 0) {
                expect(response, 422);
                assertThat(response.code()).isEqualTo("insufficient_points");
            } else {
                expect(response, 201);
                expireDue(member);
                debit(member, -points);
            }
        }

        /** k units of a 1-point reward: 201 spending k when the member has them after expiry, else 422. */
        private void redeem() {
            UUID member = anyMember();
            long spendable = spendable(member);
            int quantity = random.nextBoolean() && spendable > 0 ? 1 + (int) random.nextLong(Math.min(spendable, 1_000))
                    : 1 + random.nextInt(600);
            Api.Response response = api.post("/api/v1/redemptions", tenant.adminToken(), key(), Map.of(
                    "memberId", member.toString(), "rewardId", reward.toString(), "quantity", quantity));
            log.add("redeem " + quantity + " by " + member + " → " + response.status());
            if (spendable < quantity) {
                expect(response, 422);
                assertThat(response.code()).as(context("refused redemption")).isEqualTo("insufficient_points");
                return;
            }
            expect(response, 201);
            expireDue(member);
            Map<Lot, Long> taken = debit(member, quantity);
            UUID id = UUID.fromString(response.json().path("id").asString());
            assertThat(response.longAt("pointsSpent")).as(context("points spent")).isEqualTo(quantity);
            assertThat(response.longAt("balance")).as(context("balance after the redemption")).isEqualTo(modelBalance(member));
            redeemed.add(new Redeemed(id, member, quantity, taken));
        }

        /** The first cancellation puts the points back into the lots they came from; any later one changes nothing. */
        private void cancelARedemption() {
            if (redeemed.isEmpty()) {
                redeem();
                return;
            }
            // Mostly one not cancelled yet: a second cancellation is checked, but a first one moves points.
            List<Redeemed> open = redeemed.stream().filter(candidate -> candidate.cancelled == null).toList();
            List<Redeemed> from = open.isEmpty() || random.nextInt(4) == 0 ? redeemed : open;
            Redeemed redemption = from.get(random.nextInt(from.size()));
            Api.Response response = api.call("POST", "/api/v1/redemptions/" + redemption.id + "/cancel",
                    tenant.adminToken(), key(), null);
            log.add((redemption.cancelled == null ? "cancel " : "cancel again ") + redemption.id + " (" + redemption.points
                    + " of " + redemption.member + ") → " + response.status());
            expect(response, 200);
            assertThat(response.json().path("status").asString()).as(context("status")).isEqualTo("cancelled");
            if (redemption.cancelled == null) {
                redemption.taken.forEach((lot, points) -> lot.remaining += points);
                redemption.cancelled = response;
                assertThat(response.longAt("balance")).as(context("balance after the cancellation"))
                        .isEqualTo(modelBalance(redemption.member));
            } else {
                for (String field : List.of("balance", "refundEntryId", "cancelledAt", "updatedAt")) {
                    assertThat(response.json().path(field)).as(context(field + " of a repeated cancellation"))
                            .isEqualTo(redemption.cancelled.json().path(field));
                }
            }
        }

        /**
         * A lot the model says still holds points becomes due; the expiry job takes exactly what is left in it. Mostly
         * one a redemption not cancelled yet or a payment not reversed yet took points from, so that a cancellation
         * or a give-back later refills an expired lot (it counts until the member's next debit or the job expires it
         * again).
         */
        private void expireALot() {
            List<Lot> open = members.stream().flatMap(member -> lots.get(member).stream())
                    .filter(lot -> lot.remaining > 0).toList();
            Stream<Lot> redeemedFrom = redeemed.stream().filter(redemption -> redemption.cancelled == null)
                    .flatMap(redemption -> redemption.taken.keySet().stream());
            Stream<Lot> paidFrom = orders.stream().filter(order -> order.paid != null && order.paid.returned
                    < order.paid.points).flatMap(order -> order.paid.taken.keySet().stream());
            List<Lot> spentFrom = Stream.concat(redeemedFrom, paidFrom)
                    .filter(lot -> lot.remaining > 0 && lot.expiresAt == null).distinct().toList();
            if (!spentFrom.isEmpty() && random.nextInt(3) > 0) {
                open = spentFrom;
            }
            if (open.isEmpty()) {
                earn();
                return;
            }
            Lot lot = open.get(random.nextInt(open.size()));
            jdbc.update("update lot set expires_at = now() - interval '1 second' where tenant_id = ? and id = ?",
                    tenant.id(), lot.id);
            lot.expiresAt = jdbc.queryForObject("select expires_at from lot where tenant_id = ? and id = ?",
                    Timestamp.class, tenant.id(), lot.id).toInstant();
            jobs.expireDue(Instant.now());
            log.add("expire lot " + lot.id + " of " + lot.member + " holding " + lot.remaining);
            members.forEach(this::expireDue);
        }

        /**
         * Points pay part of an order not paid with points yet, by any member (mostly not the buyer, so a refund
         * moves two accounts): 201 spending them when the member has them after expiry, else 422.
         */
        private void payWithPoints() {
            List<Order> unpaid = orders.stream().filter(order -> order.paid == null).toList();
            if (unpaid.isEmpty()) {
                earn();
                return;
            }
            Order order = unpaid.get(random.nextInt(unpaid.size()));
            UUID member = anyMember();
            long spendable = spendable(member);
            long points = random.nextInt(4) > 0 && spendable > 0 ? 1 + random.nextLong(Math.min(spendable, 2_000))
                    : 1 + random.nextInt(600);
            Api.Response response = api.post("/api/v1/points/payments", tenant.adminToken(), key(), Map.of(
                    "memberId", member.toString(), "orderId", order.id, "points", points));
            log.add("pay " + points + " of " + order.id + " by " + member + " → " + response.status());
            if (spendable < points) {
                expect(response, 422);
                assertThat(response.code()).as(context("refused payment")).isEqualTo("insufficient_points");
                return;
            }
            expect(response, 201);
            expireDue(member);
            order.paid = new Paid(member, points, debit(member, points));
            assertThat(response.longAt("balance")).as(context("balance after the payment")).isEqualTo(modelBalance(member));
        }

        /** The explicit reversal gives back whatever refunds have not; again, it changes nothing. */
        private void reverseAPayment() {
            List<Order> paid = orders.stream().filter(order -> order.paid != null).toList();
            if (paid.isEmpty()) {
                payWithPoints();
                return;
            }
            Order order = paid.get(random.nextInt(paid.size()));
            Api.Response response = api.post("/api/v1/points/payments/" + order.id + "/reversal", tenant.adminToken(),
                    key(), Map.of());
            log.add("reverse payment of " + order.id + " by " + order.paid.member + " (" + order.paid.returned + " of "
                    + order.paid.points + " back) → " + response.status());
            expect(response, 200);
            giveBack(order.paid, order.paid.points - order.paid.returned);
            assertThat(response.json().path("status").asString()).as(context("status")).isEqualTo("reversed");
            assertThat(response.longAt("pointsReturned")).as(context("points returned")).isEqualTo(order.paid.points);
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

        // The model.

        private long modelBalance(UUID member) {
            return lots.get(member).stream().mapToLong(lot -> lot.remaining).sum();
        }

        /** The balance a debit sees: due lots (here: every lot given an expiry) expire first. */
        private long spendable(UUID member) {
            return lots.get(member).stream().filter(lot -> lot.expiresAt == null).mapToLong(lot -> lot.remaining).sum();
        }

        private void expireDue(UUID member) {
            lots.get(member).stream().filter(lot -> lot.expiresAt != null).forEach(lot -> lot.remaining = 0);
        }

        /** A credit makes exactly one new lot (none for zero points); its identity comes from the database. */
        private void credit(UUID member, long points) {
            List<Lot> created = jdbc.query("""
                    select id, created_at, expires_at from lot
                    where tenant_id = ? and member_id = ? and status = 'active'""",
                    (row, i) -> new Lot(row.getObject(1, UUID.class), member, row.getTimestamp(2).toInstant(),
                            row.getTimestamp(3) == null ? null : row.getTimestamp(3).toInstant()),
                    tenant.id(), member).stream()
                    .filter(lot -> lots.get(member).stream().noneMatch(known -> known.id.equals(lot.id))).toList();
            assertThat(created).as(context("new lots of " + member + " after a credit of " + points))
                    .hasSize(points > 0 ? 1 : 0);
            if (points > 0) {
                Lot lot = created.getFirst();
                lot.remaining = points;
                lots.get(member).add(lot);
            }
        }

        /** Takes points lot by lot in consumption order; what it took from which lot. */
        private Map<Lot, Long> debit(UUID member, long points) {
            Map<Lot, Long> taken = new LinkedHashMap<>();
            long left = points;
            for (Lot lot : lots.get(member).stream().filter(lot -> lot.remaining > 0).sorted(CONSUMPTION_ORDER)
                    .toList()) {
                if (left == 0) {
                    break;
                }
                long take = Math.min(left, lot.remaining);
                lot.remaining -= take;
                left -= take;
                taken.put(lot, take);
            }
            assertThat(left).as(context("model lots cover a debit of " + points)).isZero();
            return taken;
        }

        /** The refund rule, for earned points and payment points alike: floor(points × refunded / amount). */
        private static long share(long points, BigDecimal refunded, BigDecimal amount) {
            return BigDecimal.valueOf(points).multiply(refunded).divide(amount, 0, RoundingMode.FLOOR).longValueExact();
        }

        /**
         * Gives back {@code points} of a payment: to the lots it took from, soonest-expiring first (by their expiry
         * now, as the service orders them), each up to what the payment took from it less what came back before.
         */
        private void giveBack(Paid paid, long points) {
            long left = points;
            for (Lot lot : paid.taken.keySet().stream().sorted(CONSUMPTION_ORDER).toList()) {
                long back = Math.min(left, paid.taken.get(lot) - paid.restored.getOrDefault(lot, 0L));
                lot.remaining += back;
                paid.restored.merge(lot, back, Long::sum);
                left -= back;
            }
            assertThat(left).as(context("the payment's lots take back " + points)).isZero();
            paid.returned += points;
        }

        private Map<UUID, Long> remainingByLot(UUID member) {
            return lots.get(member).stream().collect(Collectors.toMap(lot -> lot.id, lot -> lot.remaining));
        }

        private Map<UUID, Long> lotsInDatabase(UUID member) {
            Map<UUID, Long> remaining = new HashMap<>();
            jdbc.query("select id, remaining from lot where tenant_id = ? and member_id = ? and status = 'active'",
                    row -> {
                        remaining.put(row.getObject(1, UUID.class), row.getLong(2));
                    }, tenant.id(), member);
            return remaining;
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

    /** A lot as the model sees it: its remaining is the model's, its identity and order keys the database's. */
    private static final class Lot {
        final UUID id;
        final UUID member;
        final Instant createdAt;
        Instant expiresAt;
        long remaining;

        Lot(UUID id, UUID member, Instant createdAt, Instant expiresAt) {
            this.id = id;
            this.member = member;
            this.createdAt = createdAt;
            this.expiresAt = expiresAt;
        }
    }

    /** An accepted redemption and the lots it took points from; {@code cancelled}: the first cancellation's reply. */
    private static final class Redeemed {
        final UUID id;
        final UUID member;
        final long points;
        final Map<Lot, Long> taken;
        Api.Response cancelled;

        Redeemed(UUID id, UUID member, long points, Map<Lot, Long> taken) {
            this.id = id;
            this.member = member;
            this.points = points;
            this.taken = taken;
        }
    }

    /** A points payment of an order: what it took from which lot, and what came back of each and in all. */
    private static final class Paid {
        final UUID member;
        final long points;
        final Map<Lot, Long> taken;
        final Map<Lot, Long> restored = new HashMap<>();
        long returned;

        Paid(UUID member, long points, Map<Lot, Long> taken) {
            this.member = member;
            this.points = points;
            this.taken = taken;
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
        Paid paid;

        Order(String id, UUID member, BigDecimal amount, String key) {
            this.id = id;
            this.member = member;
            this.amount = amount;
            this.key = key;
        }
    }
}
