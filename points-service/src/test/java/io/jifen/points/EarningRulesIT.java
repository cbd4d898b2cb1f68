package io.jifen.points;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jifen.testsupport.TestIdentities;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class EarningRulesIT extends EarningRulesTestBase {

    @Test
    void shouldSeedTheDefaultRuleOnceEvenWhenFirstReadConcurrently() throws Exception {
        Tenant tenant = newTenant();

        List<Api.Response> reads = concurrently(8, () -> api.get(RULES, tenant.adminToken()));

        for (Api.Response read : reads) {
            assertThat(read.status()).as(read.toString()).isEqualTo(200);
            assertThat(read.json().path("items")).hasSize(1);
        }
        JsonNode rule = reads.getFirst().json().path("items").get(0);
        assertThat(rule.path("code").asString()).isEqualTo("default");
        assertThat(rule.path("type").asString()).isEqualTo("spend");
        assertThat(rule.path("points").asLong()).isEqualTo(1);
        assertThat(rule.path("per").decimalValue()).isEqualByComparingTo("1.00");
        assertThat(rule.path("rounding").asString()).isEqualTo("floor");
        assertThat(rule.path("active").asBoolean()).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from earning_rule where tenant_id = ?", Long.class,
                tenant.id())).isEqualTo(1);
    }

    @Test
    void shouldLetTheTenantEditAndDeleteTheDefaultRuleWithoutItComingBack() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        UUID defaultRule = ruleId(tenant, "default");

        Map<String, Object> doubled = spendRule("default", 2, "1.00");
        Api.Response edited = put(RULES + "/" + defaultRule, tenant.adminToken(), doubled);
        Api.Response doubledPurchase = recordPurchase(tenant, member, "o-1", "10.50");
        Api.Response deleted = delete(RULES + "/" + defaultRule, tenant.adminToken());
        Api.Response withoutRules = recordPurchase(tenant, member, "o-2", "10.00");

        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(edited.json().path("points").asLong()).isEqualTo(2);
        assertThat(doubledPurchase.json().path("awards").get(0).path("points").asLong()).isEqualTo(21);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(withoutRules.status()).isEqualTo(201);
        assertThat(withoutRules.longAt("pointsAwarded")).isZero();
        assertThat(withoutRules.json().path("awards")).isEmpty();
        assertThat(api.get(RULES, tenant.adminToken()).json().path("items")).isEmpty();
        assertThat(delete(RULES + "/" + defaultRule, tenant.adminToken()).status()).isEqualTo(404);
    }

    @Test
    void shouldListEachRuleThatContributedToAPurchase() {
        Tenant tenant = newTenant();
        UUID member = goldMember(tenant);
        Map<String, Object> food = multiplierRule("food-x2", "2.00");
        food.put("categories", List.of("food"));
        createRule(tenant, food);
        Map<String, Object> gold = multiplierRule("gold-x15", "1.50");
        gold.put("tiers", List.of("gold"));
        createRule(tenant, gold);
        Map<String, Object> body = purchase(member, "o-mix", "100.00");
        body.put("items", List.of(item("BREAD", "food", 2, "15.00"), item("SOAP", "home", 1, "70.00")));

        Api.Response response = api.post("/api/v1/purchases", tenant.adminToken(), key(), body);

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        // default 100; food 30.00 → 30 base, ×2 → +30; gold ×1.5 on the 100 base → +50
        assertThat(awards(response.json())).containsExactly("default=100", "food-x2=30", "gold-x15=50");
        assertThat(response.longAt("pointsAwarded")).isEqualTo(180);
        assertThat(response.longAt("balance")).isEqualTo(180);
        assertThat(entries(tenant)).isEqualTo(1);
    }

    @Test
    void shouldKeepAPurchasesAwardsWhenTheRulesChangeLater() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        Map<String, Object> first = purchase(member, "o-before", "10.00");
        Api.Response before = api.post("/api/v1/purchases", tenant.adminToken(), key(), first);

        put(RULES + "/" + ruleId(tenant, "default"), tenant.adminToken(), spendRule("default", 3, "1.00"));
        Api.Response after = recordPurchase(tenant, member, "o-after", "10.00");
        Api.Response replay = api.post("/api/v1/purchases", tenant.adminToken(), key(), first);
        Api.Response refund = api.post("/api/v1/purchases/o-before/refunds", tenant.adminToken(), key(),
                Map.of("refundId", "r-1", "amount", new BigDecimal("10.00")));

        assertThat(awards(before.json())).containsExactly("default=10");
        assertThat(awards(after.json())).containsExactly("default=30");
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.json()).isEqualTo(before.json());
        assertThat(refund.longAt("pointsReversed")).isEqualTo(10);
        assertThat(balance(tenant, member)).isEqualTo(30);
    }

    @Test
    void shouldLetAnExclusivePromotionReplaceTheDefaultOnlyInsideItsWindow() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        Map<String, Object> promo = spendRule("triple", 3, "1.00");
        promo.put("priority", 10);
        promo.put("stacking", "exclusive");
        promo.put("activeFrom", "2026-01-01T00:00:00Z");
        promo.put("activeUntil", "2036-01-01T00:00:00Z");
        createRule(tenant, promo);
        Map<String, Object> before = purchase(member, "o-2025", "10.00");
        before.put("occurredAt", "2025-12-31T23:59:59Z");

        Api.Response inside = recordPurchase(tenant, member, "o-now", "10.00");
        Api.Response outside = api.post("/api/v1/purchases", tenant.adminToken(), key(), before);

        assertThat(awards(inside.json())).containsExactly("triple=30");
        assertThat(awards(outside.json())).containsExactly("default=10");
    }

    @Test
    void shouldAwardTheFirstPurchaseBonusOnlyOnTheFirstPurchase() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        createRule(tenant, eventRule("welcome", "first-purchase", 500));

        Api.Response first = recordPurchase(tenant, member, "o-1", "10.00");
        Api.Response second = recordPurchase(tenant, member, "o-2", "10.00");

        assertThat(awards(first.json())).containsExactly("default=10", "welcome=500");
        assertThat(awards(second.json())).containsExactly("default=10");
        assertThat(balance(tenant, member)).isEqualTo(520);
    }

    @Test
    void shouldNeverPassAMembersDailyLimitUnderConcurrentPurchases() throws Exception {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        Map<String, Object> limited = spendRule("default", 1, "1.00");
        limited.put("limits", Map.of("perMember", Map.of("day", 25)));
        put(RULES + "/" + ruleId(tenant, "default"), tenant.adminToken(), limited);

        List<Api.Response> purchases = concurrently(10,
                () -> recordPurchase(tenant, member, "o-" + UUID.randomUUID(), "10.00"));

        long awarded = 0;
        for (Api.Response response : purchases) {
            assertThat(response.status()).as(response.toString()).isEqualTo(201);
            awarded += response.longAt("pointsAwarded");
        }
        assertThat(awarded).isEqualTo(25);
        assertThat(balance(tenant, member)).isEqualTo(25);
        assertThat(purchases).anySatisfy(response -> assertThat(response.json().path("awards").path(0)
                .path("capped").asLong()).isEqualTo(5));
        UUID other = newMember(tenant);
        assertThat(recordPurchase(tenant, other, "o-other", "10.00").longAt("pointsAwarded")).isEqualTo(10);
    }

    @Test
    void shouldNeverPassARulesBudgetUnderConcurrentPurchasesOfManyMembers() throws Exception {
        Tenant tenant = newTenant();
        Map<String, Object> promo = spendRule("promo", 1, "1.00");
        promo.put("budget", 55);
        UUID promoId = createRule(tenant, promo);
        List<UUID> members = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            members.add(newMember(tenant));
        }

        List<Api.Response> purchases = concurrently(10,
                i -> recordPurchase(tenant, members.get(i), "o-" + i, "10.00"));

        long promoPoints = 0;
        for (Api.Response response : purchases) {
            assertThat(response.status()).as(response.toString()).isEqualTo(201);
            promoPoints += response.longAt("pointsAwarded") - 10; // the default rule's 10 each
        }
        assertThat(promoPoints).isEqualTo(55);
        JsonNode rule = api.get(RULES + "/" + promoId, tenant.adminToken()).json();
        assertThat(rule.path("budgetUsed").asLong()).isEqualTo(55);
        Map<String, Object> shrunk = spendRule("promo", 1, "1.00");
        shrunk.put("budget", 54);
        Api.Response tooSmall = put(RULES + "/" + promoId, tenant.adminToken(), shrunk);
        assertThat(tooSmall.status()).isEqualTo(422);
        assertThat(tooSmall.code()).isEqualTo("budget_below_used");
    }

    @Test
    void shouldSimulateAPurchaseWithoutWritingAnything() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        recordPurchase(tenant, member, "o-1", "5.00");
        Map<String, Object> x2 = multiplierRule("x2", "2.00");
        x2.put("tiers", List.of("silver"));
        createRule(tenant, x2);
        Map<String, Object> rows = snapshot(tenant);

        Api.Response simulated = api.post(RULES + "/simulate", tenant.adminToken(), null, Map.of(
                "memberId", member.toString(), "tierCode", "silver", "amount", new BigDecimal("12.34"),
                "currency", "EUR", "items", List.of(item("A", "food", 1, "12.34"))));
        Tenant fresh = newTenant();
        Api.Response unseeded = api.post(RULES + "/simulate", fresh.adminToken(), null,
                Map.of("amount", new BigDecimal("7.99"), "currency", "EUR"));

        assertThat(simulated.status()).as(simulated.toString()).isEqualTo(200);
        assertThat(awards(simulated.json())).containsExactly("default=12", "x2=12");
        assertThat(simulated.longAt("pointsAwarded")).isEqualTo(24);
        assertThat(snapshot(tenant)).isEqualTo(rows);
        assertThat(awards(unseeded.json())).containsExactly("default=7");
        assertThat(jdbc.queryForObject("select count(*) from earning_program where tenant_id = ?", Long.class,
                fresh.id())).isZero();
    }

    @Test
    void shouldAnswer400ProblemsForBadRulesAndStoreNothing() {
        Tenant tenant = newTenant();
        ruleId(tenant, "default");
        List<Object> bad = List.of(
                with(spendRule("a", 1, "1.00"), "points", 0), with(spendRule("a", 1, "1.00"), "points", -1),
                with(spendRule("a", 1, "1.00"), "points", 1.5), with(spendRule("a", 1, "1.00"), "per", 0),
                with(spendRule("a", 1, "1.00"), "rounding", "up"), with(spendRule("a", 1, "1.00"), "type", "bonus"),
                with(spendRule("a", 1, "1.00"), "code", "Has Spaces"), with(spendRule("a", 1, "1.00"), "code", null),
                with(spendRule("a", 1, "1.00"), "trigger", "birthday"),
                with(spendRule("a", 1, "1.00"), "factor", 2), with(spendRule("a", 1, "1.00"), "budgetUsed", 0),
                with(spendRule("a", 1, "1.00"), "tenantId", UUID.randomUUID().toString()),
                with(spendRule("a", 1, "1.00"), "limits", Map.of("perMember", Map.of("day", 0))),
                with(spendRule("a", 1, "1.00"), "limits", Map.of("perDay", 5)),
                with(with(spendRule("a", 1, "1.00"), "activeFrom", "2026-02-01T00:00:00Z"), "activeUntil",
                        "2026-01-01T00:00:00Z"),
                with(multiplierRule("m", "2.00"), "factor", 1), with(multiplierRule("m", "2.00"), "factor", 1000),
                with(multiplierRule("m", "2.00"), "points", 5), eventRule("e", "christmas", 5),
                eventRule("e", "custom:Bad Type", 5), with(eventRule("e", "birthday", 5), "points", null),
                with(spendRule("a", 1, "1.00"), "name", "n".repeat(201)), "{\"code\": [[[[]]]]}", "not json");

        for (Object body : bad) {
            Api.Response response = api.post(RULES, tenant.adminToken(), null, body);
            assertThat(response.status()).as(body + " -> " + response).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.code()).isNotBlank();
        }
        Api.Response invalid = api.post(RULES, tenant.adminToken(), null, with(spendRule("a", 1, "1.00"), "per", 0));
        assertThat(invalid.code()).isEqualTo("validation_failed");
        assertThat(invalid.json().path("errors").get(0).path("field").asString()).isEqualTo("per");
        Api.Response duplicate = api.post(RULES, tenant.adminToken(), null, spendRule("default", 1, "1.00"));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.code()).isEqualTo("rule_code_exists");
        assertThat(api.get(RULES + "/not-a-uuid", tenant.adminToken()).status()).isEqualTo(400);
        assertThat(jdbc.queryForObject("select count(*) from earning_rule where tenant_id = ?", Long.class,
                tenant.id())).isEqualTo(1);
    }

    @Test
    void shouldAnswer404AndChangeNothingWhenTenantBNamesTenantAsRules() {
        Tenant a = newTenant();
        Tenant b = newTenant();
        UUID rule = ruleId(a, "default");
        UUID member = newMember(a);

        List<Api.Response> attempts = List.of(api.get(RULES + "/" + rule, b.adminToken()),
                put(RULES + "/" + rule, b.adminToken(), spendRule("stolen", 100, "1.00")),
                delete(RULES + "/" + rule, b.adminToken()));
        Api.Response simulated = api.post(RULES + "/simulate", b.adminToken(), null,
                Map.of("memberId", member.toString(), "amount", 10, "currency", "EUR"));

        for (Api.Response attempt : attempts) {
            assertThat(attempt.status()).as(attempt.toString()).isEqualTo(404);
            assertThat(attempt.code()).isEqualTo("rule_not_found");
        }
        assertThat(simulated.status()).isEqualTo(404);
        assertThat(simulated.code()).isEqualTo("member_not_found");
        JsonNode unchanged = api.get(RULES + "/" + rule, a.adminToken()).json();
        assertThat(unchanged.path("code").asString()).isEqualTo("default");
        assertThat(unchanged.path("points").asLong()).isEqualTo(1);
        assertThat(api.get(RULES, b.adminToken()).json().path("items").get(0).path("id").asString())
                .isNotEqualTo(rule.toString());
    }

    @Test
    void shouldLetStaffReadAndSimulateButNotChangeRules() {
        Tenant tenant = newTenant();
        String staff = TestIdentities.tenantToken(tenant.id().toString(), "tenant-staff");
        UUID rule = ruleId(tenant, "default");

        assertThat(api.get(RULES, staff).status()).isEqualTo(200);
        assertThat(api.post(RULES + "/simulate", staff, null, Map.of("amount", 5, "currency", "EUR")).status())
                .isEqualTo(200);
        assertThat(api.post(RULES, staff, null, spendRule("x", 1, "1.00")).status()).isEqualTo(403);
        assertThat(put(RULES + "/" + rule, staff, spendRule("default", 9, "1.00")).status()).isEqualTo(403);
        assertThat(delete(RULES + "/" + rule, staff).status()).isEqualTo(403);
        assertThat(api.get(RULES + "/" + rule, staff).json().path("points").asLong()).isEqualTo(1);
    }

    // --- helpers

    /** A member whose tier (gold) points-service learnt from member-service's event. */
    private UUID goldMember(Tenant tenant) {
        UUID member = UUID.randomUUID();
        publish(tenant, "member.registered", Map.of("memberId", member.toString(), "status", "active",
                "tierCode", "gold"));
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForList(
                "select tier_code from member where tenant_id = ? and member_id = ?", String.class, tenant.id(),
                member).contains("gold"));
        return member;
    }

    private Map<String, Object> snapshot(Tenant tenant) {
        return jdbc.queryForMap("""
                select (select count(*) from ledger_entry where tenant_id = ?) as entries,
                       (select coalesce(sum(balance), 0) from account where tenant_id = ?) as balances,
                       (select count(*) from lot where tenant_id = ?) as lots,
                       (select count(*) from purchase where tenant_id = ?) as purchases,
                       (select coalesce(sum(jsonb_array_length(awards)), 0) from purchase where tenant_id = ?) as awards,
                       (select count(*) || '/' || coalesce(sum(budget_used), 0) || '/' || max(updated_at)
                        from earning_rule where tenant_id = ?) as rules,
                       (select count(*) from earning_rule_usage where tenant_id = ?) as usage,
                       (select count(*) from earning_event_award where tenant_id = ?) as event_awards,
                       (select count(*) from outbox_event where tenant_id = ?) as events""",
                tenant.id(), tenant.id(), tenant.id(), tenant.id(), tenant.id(), tenant.id(), tenant.id(),
                tenant.id(), tenant.id());
    }

    private static List<String> awards(JsonNode body) {
        List<String> awards = new ArrayList<>();
        body.path("awards").forEach(award -> awards.add(award.path("rule").asString() + "="
                + award.path("points").asLong()));
        return awards;
    }

    private static Map<String, Object> item(String sku, String category, int quantity, String unitPrice) {
        return Map.of("sku", sku, "category", category, "quantity", quantity, "unitPrice", new BigDecimal(unitPrice));
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> changed = new java.util.LinkedHashMap<>(body);
        changed.put(field, value);
        return changed;
    }

    private static <T> List<T> concurrently(int n, Callable<T> call) throws Exception {
        return concurrently(n, i -> call.call());
    }

    private interface Indexed<T> {
        T call(int i) throws Exception;
    }

    private static <T> List<T> concurrently(int n, Indexed<T> call) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> call.call(index)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }
}
