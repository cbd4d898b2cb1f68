package io.jifen.member.purchase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jifen.events.EventEnvelope;
import io.jifen.member.MemberServiceTestBase;
import io.jifen.testsupport.TestHttp;
import io.jifen.tenancy.TenantContext;
import io.jifen.tenancy.TenantId;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A run of purchase events applied together ({@link PurchaseEventConsumer#handleAll}) has exactly the effect of the
 * same events applied one by one ({@link PurchaseEventConsumer#handle}, one transaction each, as the library falls
 * back to): the same growth entries, buckets, statistics, tiers and tier history, member for member, in two tenants
 * with the same ladder. The consumer is called directly, so a run that threw would fail the test instead of being
 * handled again one by one.
 */
class PurchaseBatchIT extends MemberServiceTestBase {

    private static final Map<String, Object> LADDER = Map.of(
            "tiers", List.of(tier("silver", 0), tier("gold", 1000), tier("platinum", 5000)),
            "qualification", Map.of("basis", "rolling", "windowMonths", 12, "downgradePolicy", "never",
                    "graceDays", 0));

    /** Member slots: each tenant registers one member per slot, and the events name the slot. */
    private static final int CROSSES_GOLD = 0;
    private static final int CROSSES_TWO = 1;
    private static final int OLD_GROWTH = 2;
    private static final int ON_TOP = 3;
    private static final int REFUNDS = 4;
    private static final int UNKNOWN = -1;
    private static final int SLOTS = 5;

    @Autowired
    PurchaseEventConsumer consumer;

    @Autowired
    PlatformTransactionManager transactionManager;

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    private final UUID stranger = UUID.randomUUID();
    /** Each tenant's member ids, by slot. */
    private final Map<String, List<String>> slots = new HashMap<>();

    @Test
    void shouldApplyARunExactlyAsItsEventsOneByOne() {
        Tenant batched = tenantWithMembers();
        Tenant alone = tenantWithMembers();
        List<Event> first = new ArrayList<>();
        List<Event> second = new ArrayList<>();

        // Gold at 1,100 in the middle of the run; a refund later in the run does not take it back.
        first.add(purchase(CROSSES_GOLD, "a-1", "600", now.minus(2, ChronoUnit.DAYS)));
        first.add(purchase(OLD_GROWTH, "c-old", "5000", monthsAgo(13))); // outside the window: no tier
        first.add(purchase(CROSSES_GOLD, "a-2", "500.50", now.minus(1, ChronoUnit.DAYS)));
        first.add(purchase(UNKNOWN, "u-1", "9000", now));
        first.add(purchase(CROSSES_TWO, "b-1", "2000", now));
        first.add(purchase(CROSSES_GOLD, "a-1", "9999", now)); // repeats an order of this run
        first.add(refund(CROSSES_GOLD, "a-2", "a-r1", "700"));
        first.add(purchase(CROSSES_TWO, "b-2", "2500.9999", now.minus(3, ChronoUnit.DAYS)));
        first.add(purchase(OLD_GROWTH, "u-1", "12.3456", now)); // the unknown member's order id, counted here
        first.add(purchase(CROSSES_TWO, "b-3", "1000", now)); // platinum: silver, gold, platinum in one run
        first.add(purchase(ON_TOP, "d-1", "80", now));
        first.add(purchase(OLD_GROWTH, "b-1", "300", now)); // another member's order id: nothing
        first.add(purchase(REFUNDS, "e-1", "0.99", "2025-12-31T23:59:59.999999500Z")); // rounds into 2026
        first.add(purchase(REFUNDS, "e-2", "40", "2026-11-15T10:00:00.123456500Z"));
        first.add(purchase(REFUNDS, "e-3", 3, 1_764_000_000.5)); // epoch seconds
        first.add(purchase(CROSSES_GOLD, "a-3", "300", now));

        second.add(purchase(CROSSES_GOLD, "a-3", "5000", now)); // repeats an order of the run before
        second.add(refund(CROSSES_GOLD, "a-2", "a-r1", "700")); // and a refund
        second.add(refund(REFUNDS, "e-2", "e-r1", "15.5"));
        second.add(refund(UNKNOWN, "u-1", "u-r1", "100"));
        second.add(purchase(OLD_GROWTH, "c-1", "987", now.minus(10, ChronoUnit.DAYS)));
        second.add(purchase(OLD_GROWTH, "c-2", "1", now.minus(10, ChronoUnit.DAYS))); // gold at 1,000, a day bucket
        second.add(purchase(ON_TOP, "d-2", "7000", now));

        handleAll(batched, first);
        handleAll(batched, second);
        first.forEach(event -> handle(alone, event));
        second.forEach(event -> handle(alone, event));

        assertThat(entries(batched)).isEqualTo(entries(alone)).hasSize(17);
        assertThat(buckets(batched)).isEqualTo(buckets(alone));
        assertThat(stats(batched)).isEqualTo(stats(alone)).hasSize(SLOTS);
        assertThat(tiers(batched)).isEqualTo(tiers(alone))
                .containsExactly("gold", "platinum", "gold", "platinum", "silver");
        assertThat(history(batched)).isEqualTo(history(alone)).containsExactly(
                "0 silver>gold growth", "1 silver>gold growth", "1 gold>platinum growth", "2 silver>gold growth",
                "3 silver>platinum test");
        assertThat(tierChangedEvents(batched)).isEqualTo(tierChangedEvents(alone)).isEqualTo(5);
    }

    @Test
    void shouldThrowOnAMalformedEventAsHandleDoesAndKeepNothingOfTheRun() {
        Tenant tenant = tenantWithMembers();
        List<Event> run = List.of(purchase(CROSSES_GOLD, "a-1", "10", now), purchase(CROSSES_GOLD, "a-2", "-1", now));

        assertThatThrownBy(() -> handleAll(tenant, run)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
        assertThat(entries(tenant)).isEmpty();
    }

    private Tenant tenantWithMembers() {
        Tenant tenant = newTenant();
        assertThat(api.put("/api/v1/tiers", tenant.admin(), LADDER).status()).isEqualTo(200);
        List<String> members = new ArrayList<>();
        for (int slot = 0; slot < SLOTS; slot++) {
            members.add(register(tenant).get("id").asString());
        }
        TestHttp.Response top = api.post("/api/v1/members/" + members.get(ON_TOP) + "/tier", tenant.admin(),
                Map.of("tierCode", "platinum", "reason", "test", "mode", "one-off"));
        assertThat(top.status()).as(top.toString()).isEqualTo(200);
        slots.put(tenant.id(), members);
        return tenant;
    }

    /** An event as both tenants receive it: the same type, payload (but for the member) and time. */
    private record Event(String type, int slot, Map<String, Object> payload, Instant occurredAt) {
    }

    private Event purchase(int slot, String orderId, Object amount, Object occurredAt) {
        return new Event("purchase.recorded", slot, Map.of("orderId", orderId, "amount", amount, "currency", "CNY",
                "occurredAt", occurredAt instanceof Instant at ? at.toString() : occurredAt), now);
    }

    private Event refund(int slot, String orderId, String refundId, String amount) {
        return new Event("purchase.refunded", slot, Map.of("orderId", orderId, "refundId", refundId,
                "amount", amount), now.minus(1, ChronoUnit.HOURS));
    }

    private Instant monthsAgo(int months) {
        return now.atOffset(ZoneOffset.UTC).minusMonths(months).toInstant();
    }

    private EventEnvelope envelope(Tenant tenant, Event event) {
        Map<String, Object> payload = new LinkedHashMap<>(event.payload());
        payload.put("memberId", event.slot() == UNKNOWN ? stranger.toString()
                : slots.get(tenant.id()).get(event.slot()));
        return new EventEnvelope(UUID.randomUUID(), event.type(), tenantId(tenant), event.occurredAt(), 1,
                TestHttp.JSON.valueToTree(payload));
    }

    private void handleAll(Tenant tenant, List<Event> events) {
        List<EventEnvelope> run = events.stream().map(event -> envelope(tenant, event)).toList();
        TenantContext.runAs(tenantId(tenant), () -> new TransactionTemplate(transactionManager)
                .executeWithoutResult(status -> consumer.handleAll(run, status::flush)));
    }

    private void handle(Tenant tenant, Event event) {
        EventEnvelope envelope = envelope(tenant, event);
        TenantContext.runAs(tenantId(tenant), () -> new TransactionTemplate(transactionManager)
                .executeWithoutResult(status -> consumer.handle(envelope)));
    }

    private static TenantId tenantId(Tenant tenant) {
        return new TenantId(UUID.fromString(tenant.id()));
    }

    /** "slot source ref growth amount occurredAt", sorted. */
    private List<String> entries(Tenant tenant) {
        return rows(tenant, """
                select member_id, source || ' ' || source_ref || ' ' || growth || ' ' || amount || ' '
                    || to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')
                from growth_entry where tenant_id = ?""");
    }

    /** "slot span startsOn growth", sorted. */
    private List<String> buckets(Tenant tenant) {
        return rows(tenant, """
                select member_id, span || ' ' || starts_on || ' ' || growth from growth_bucket where tenant_id = ?""");
    }

    /** "slot spend refunded count first last", sorted. */
    private List<String> stats(Tenant tenant) {
        return rows(tenant, """
                select member_id, total_spend || ' ' || refunded || ' ' || purchase_count || ' '
                    || coalesce(to_char(first_purchase_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), '-')
                    || ' ' || coalesce(to_char(last_purchase_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), '-')
                from member_stats where tenant_id = ?""");
    }

    /** Each slot's tier, in slot order. */
    private List<String> tiers(Tenant tenant) {
        Map<String, String> byMember = new HashMap<>();
        jdbc.query("select id::text, tier_code from member where tenant_id = ?::uuid",
                row -> {
                    byMember.put(row.getString(1), row.getString(2));
                }, tenant.id());
        return slots.get(tenant.id()).stream().map(byMember::get).toList();
    }

    /** "slot from>to reason", by slot and then in the order of the changes. */
    private List<String> history(Tenant tenant) {
        List<String> members = slots.get(tenant.id());
        return jdbc.query("""
                select member_id::text, from_code || '>' || to_code || ' ' || reason from tier_history
                where tenant_id = ?::uuid order by id""",
                (row, i) -> members.indexOf(row.getString(1)) + " " + row.getString(2), tenant.id()).stream()
                .sorted(Comparator.comparing(line -> line.substring(0, line.indexOf(' '))))
                .toList();
    }

    private long tierChangedEvents(Tenant tenant) {
        return jdbc.queryForObject("select count(*) from outbox_event where tenant_id = ?::uuid and type = 'tier.changed'",
                Long.class, tenant.id());
    }

    /** The query's rows as "slot rest", its first column the member id, sorted. */
    private List<String> rows(Tenant tenant, String sql) {
        List<String> members = slots.get(tenant.id());
        return jdbc.query(sql.replace("tenant_id = ?", "tenant_id = ?::uuid"),
                (row, i) -> members.indexOf(row.getString(1)) + " " + row.getString(2), tenant.id()).stream()
                .sorted().toList();
    }

    private static Map<String, Object> tier(String code, long threshold) {
        return Map.of("code", code, "name", code, "threshold", threshold, "benefits", Map.of(
                "pointsMultiplier", 1, "discountPercent", 0, "birthdayBonus", 0, "perks", List.of()));
    }
}
