package io.jifen.points;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * A purchase in {@code POST /api/v1/purchases/batch} means exactly what it means alone: the same purchases under the
 * same program (a first-purchase bonus, a category multiplier, a rule with a daily limit, the velocity guard's daily
 * cap and hold threshold, with and without a return window) give the same awards, the same pending and held points,
 * the same balances, lots and entries, whether one batch records them (written together, one statement per table)
 * or one request each, in the batch's order for each member.
 */
class BatchEquivalenceIT extends EarningRulesTestBase {

    private static final int MEMBERS = 4;

    @ParameterizedTest
    @ValueSource(ints = {0, 14})
    void shouldGiveEveryPurchaseOfABatchWhatItGetsAlone(int pendingDays) {
        Tenant batched = program(pendingDays);
        Tenant alone = program(pendingDays);

        Map<String, String> awards = recordBatchedAndAlone(batched, alone, pendingDays + 7, false);

        assertThat(awards.values()).as("the program's every part was reached")
                .anyMatch(award -> award.contains("welcome=50(0)")).anyMatch(award -> award.contains("tea-x2="))
                .anyMatch(award -> award.matches(".*limited=\\d+\\([1-9]\\d*\\).*"));
        assertThat(purchases(alone).values()).as("some purchases were held")
                .anyMatch(p -> !p.split("/")[2].equals("0"));
    }

    /**
     * Under a program whose awards read nothing of the member's (no limits, budget, first-purchase rule, velocity
     * guard or return window), a batch works out its purchases' awards before it locks their accounts and credits
     * them after: still what each gets alone, a member in debt included (what repays the debt goes into no lot).
     */
    @Test
    void shouldGiveEveryPurchaseWhatItGetsAloneWhenTheAwardsReadNothingOfTheMembers() {
        Tenant batched = plainProgram();
        Tenant alone = plainProgram();

        Map<String, String> awards = recordBatchedAndAlone(batched, alone, 3, true);

        assertThat(awards.values()).anyMatch(award -> award.contains("tea-x2=")).anyMatch(award -> award.startsWith(
                "default="));
        assertThat(count(batched, """
                select count(*) from lot where tenant_id = ? and source_id like 'p-%' and remaining < points"""))
                .as("a lot smaller than its earn repaid the debt").isPositive();
        assertThat(count(batched, "select count(*) from purchase where tenant_id = ? and balance_after is null"))
                .as("written before the account locks, their balances on their entries").isEqualTo(40);
        assertThatThrownBy(() -> jdbc.update("update purchase set entry_id = null where tenant_id = ? and order_id = ?",
                batched.id(), "p-00")).hasMessageContaining("purchase_balance_known");
        // Read back for a repeat: the same answer as the batch gave, balance included.
        for (Map<String, Object> order : List.of(batchedOrder(batched, "p-00"), batchedOrder(batched, "p-39"))) {
            Api.Response repeat = api.post("/api/v1/purchases", batched.adminToken(), key(), order);
            assertThat(repeat.status()).as(repeat.toString()).isEqualTo(200);
            assertThat(repeat.longAt("balance") + "").isEqualTo(purchases(batched).get(order.get("orderId"))
                    .split("/")[3]);
        }
    }

    /** The body that recorded {@code orderId} in {@code tenant}'s batch (its member, amount and items). */
    private Map<String, Object> batchedOrder(Tenant tenant, String orderId) {
        return jdbc.queryForObject("""
                select member_id, amount from purchase where tenant_id = ? and order_id = ?""",
                (row, i) -> order(row.getObject(1, UUID.class), Integer.parseInt(orderId.substring(2)),
                        row.getBigDecimal(2)), tenant.id(), orderId);
    }

    /**
     * Records the same purchases of {@value #MEMBERS} members in each tenant, in {@code batched} as one shuffled batch
     * and in {@code alone} one request each, and asserts both tenants hold the same: each purchase's points, its
     * awards, each member's balance, pending and lifetime points, lots and entries, the lines and the events.
     *
     * @param firstInDebt put the first member of each tenant at -80 points first (the tenants allow a debt)
     * @return the batched purchases' awards by order
     */
    private Map<String, String> recordBatchedAndAlone(Tenant batched, Tenant alone, long seed, boolean firstInDebt) {
        List<UUID> batchedMembers = new ArrayList<>();
        List<UUID> aloneMembers = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            batchedMembers.add(newMember(batched));
            aloneMembers.add(newMember(alone));
        }
        if (firstInDebt) {
            inDebt(batched, batchedMembers.getFirst());
            inDebt(alone, aloneMembers.getFirst());
        }
        // Purchases p-00 … p-39, member i % 4, amounts from 3.40 to 398.50; every third has items, some tea.
        Random random = new Random(seed);
        List<Integer> owners = new ArrayList<>();
        List<BigDecimal> amounts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            owners.add(i % MEMBERS);
            amounts.add(BigDecimal.valueOf(340 + random.nextInt(39_500), 2));
        }
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < owners.size(); i++) {
            batch.add(order(batchedMembers.get(owners.get(i)), i, amounts.get(i)));
        }
        Collections.shuffle(batch, random);

        Api.Response response = api.post("/api/v1/purchases/batch", batched.adminToken(), key(),
                Map.of("purchases", batch));
        // Alone: each member's purchases in order-id order, as the batch records them.
        for (int member = 0; member < MEMBERS; member++) {
            for (int i = 0; i < owners.size(); i++) {
                if (owners.get(i) == member) {
                    Api.Response one = api.post("/api/v1/purchases", alone.adminToken(), key(),
                            order(aloneMembers.get(member), i, amounts.get(i)));
                    assertThat(one.status()).as(one.toString()).isEqualTo(201);
                }
            }
        }

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().path("accepted").asInt()).isEqualTo(40);
        Map<String, String> byOrder = new HashMap<>();
        for (JsonNode result : response.json().path("results")) {
            byOrder.put(result.path("orderId").asString(), result.path("pointsAwarded").asLong() + "/"
                    + result.path("pointsPending").asLong() + "/" + result.path("pointsHeld").asLong() + "/"
                    + result.path("balance").asLong());
        }
        assertThat(byOrder).isEqualTo(purchases(alone));
        assertThat(awards(batched)).isEqualTo(awards(alone)).isNotEmpty();
        for (int member = 0; member < MEMBERS; member++) {
            UUID one = batchedMembers.get(member);
            UUID other = aloneMembers.get(member);
            JsonNode points = api.get("/api/v1/members/" + one + "/points", batched.adminToken()).json();
            JsonNode expected = api.get("/api/v1/members/" + other + "/points", alone.adminToken()).json();
            assertThat(points.path("balance").asLong()).isEqualTo(expected.path("balance").asLong());
            assertThat(points.path("pending").asLong()).isEqualTo(expected.path("pending").asLong());
            assertThat(points.path("lifetimeEarned").asLong()).isEqualTo(expected.path("lifetimeEarned").asLong());
            assertThat(lots(batched, one)).isEqualTo(lots(alone, other));
            assertThat(entries(batched, one)).isEqualTo(entries(alone, other));
        }
        assertThat(lines(batched)).isEqualTo(lines(alone)).isPositive();
        assertThat(count(batched, "select count(*) from outbox_event where tenant_id = ?"))
                .isEqualTo(count(alone, "select count(*) from outbox_event where tenant_id = ?"));
        return awards(batched);
    }

    /**
     * A tenant whose program reaches every part of earning: the default rule, a first-purchase bonus, tea doubled, a
     * rule limited to 60 points a member a day, and the velocity guard (1,500 a day, an earn above 450 held).
     */
    private Tenant program(int pendingDays) {
        Tenant tenant = newTenant();
        PointsPolicy.defaults().pendingDays(pendingDays).velocity(1500L, 450L).applyTo(api, tenant);
        createRule(tenant, eventRule("welcome", "first-purchase", 50));
        Map<String, Object> tea = multiplierRule("tea-x2", "2");
        tea.put("categories", List.of("tea"));
        createRule(tenant, tea);
        Map<String, Object> limited = spendRule("limited", 1, "5.00");
        limited.put("limits", Map.of("perMember", Map.of("day", 60)));
        createRule(tenant, limited);
        return tenant;
    }

    /** A tenant with the default rule and tea doubled, whose refunds may leave a debt; nothing else. */
    private Tenant plainProgram() {
        Tenant tenant = newTenant();
        PointsPolicy.defaults().with("refundDebt", "allow").applyTo(api, tenant);
        Map<String, Object> tea = multiplierRule("tea-x2", "2");
        tea.put("categories", List.of("tea"));
        createRule(tenant, tea);
        return tenant;
    }

    /** The member earns 100, 80 are taken back and the purchase is refunded whole: -80. */
    private void inDebt(Tenant tenant, UUID member) {
        assertThat(recordPurchase(tenant, member, "debt", "100.00").status()).isEqualTo(201);
        assertThat(adjust(tenant, member, -80, key()).status()).isEqualTo(201);
        Api.Response refund = api.post("/api/v1/purchases/debt/refunds", tenant.adminToken(), key(),
                Map.of("refundId", "debt-refund", "amount", new BigDecimal("100.00")));
        assertThat(refund.longAt("balance")).as(refund.toString()).isEqualTo(-80);
    }

    private static Map<String, Object> order(UUID member, int i, BigDecimal amount) {
        Map<String, Object> body = new LinkedHashMap<>(purchase(member, "p-%02d".formatted(i), amount.toPlainString()));
        if (i % 3 == 0) {
            BigDecimal half = amount.divide(BigDecimal.TWO, 2, java.math.RoundingMode.DOWN);
            body.put("items", List.of(
                    Map.of("sku", "TEA-" + i, "category", i % 2 == 0 ? "tea" : "cakes", "quantity", 1,
                            "unitPrice", half),
                    Map.of("sku", "CUP", "quantity", 1, "unitPrice", amount.subtract(half))));
        }
        return body;
    }

    /** Each order's points awarded / pending / held and the balance after it, as stored (on its row or its entry). */
    private Map<String, String> purchases(Tenant tenant) {
        Map<String, String> purchases = new HashMap<>();
        jdbc.query("""
                select p.order_id, p.points_awarded, p.points_pending, p.points_held,
                       coalesce(p.balance_after, e.balance_after)
                from purchase p left join ledger_entry e on e.tenant_id = p.tenant_id and e.id = p.entry_id
                where p.tenant_id = ? and p.order_id <> 'debt'""",
                row -> {
                    purchases.put(row.getString(1), row.getLong(2) + "/" + row.getLong(3) + "/" + row.getLong(4)
                            + "/" + row.getLong(5));
                }, tenant.id());
        return purchases;
    }

    /** Each order's awards in their order, "rule=points(capped)". */
    private Map<String, String> awards(Tenant tenant) {
        Map<String, String> awards = new HashMap<>();
        jdbc.query("""
                select p.order_id, string_agg((a ->> 'rule') || '=' || (a ->> 'points') || '('
                                              || coalesce(a ->> 'capped', '0') || ')', ',' order by n)
                from purchase p, jsonb_array_elements(p.awards) with ordinality as x(a, n)
                where p.tenant_id = ? group by p.order_id""",
                row -> {
                    awards.put(row.getString(1), row.getString(2));
                }, tenant.id());
        return awards;
    }

    /** The member's lots as (status, kind, points, remaining, order), in order of the orders. */
    private List<String> lots(Tenant tenant, UUID member) {
        return jdbc.query("""
                select status, kind, points, remaining, source_id from lot where tenant_id = ? and member_id = ?
                order by source_id, status, points""", (row, i) -> row.getString(1) + " " + row.getString(2) + " "
                + row.getLong(3) + " " + row.getLong(4) + " " + row.getString(5), tenant.id(), member);
    }

    /** The member's entries as (kind, points, balance after, order), in order of the orders. */
    private List<String> entries(Tenant tenant, UUID member) {
        return jdbc.query("""
                select kind, points, balance_after, source_id from ledger_entry where tenant_id = ? and member_id = ?
                order by source_id, kind""", (row, i) -> row.getString(1) + " " + row.getLong(2) + " "
                + row.getLong(3) + " " + row.getString(4), tenant.id(), member);
    }

    private long lines(Tenant tenant) {
        return count(tenant, "select count(*) from purchase_line where tenant_id = ?");
    }

    private long count(Tenant tenant, String sql) {
        return jdbc.queryForObject(sql, Long.class, tenant.id());
    }
}
