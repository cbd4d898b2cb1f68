package io.jifen.e2e;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.summingLong;
import static java.util.stream.Collectors.toMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jifen.e2e.PurchaseLoad.Outcome;
import io.jifen.e2e.PurchaseLoad.Purchase;
import io.jifen.testsupport.TestInfra;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.resps.StreamEntry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What points-service really stored for the tenants of a load, read from its own database and its event stream, held
 * against what the clients sent: every acknowledged purchase is there exactly once, nothing is there that no client
 * sent, each account's balance adds up, and every committed change has its event in Redis.
 */
final class LedgerAudit {

    static final String STREAM = "jifen:events:points-service";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private LedgerAudit() {
    }

    /** A purchase row and its earn entry. */
    record Stored(String orderId, String memberId, BigDecimal amount, long points, String entryId) {
    }

    /** An account's balance beside the sum of its entries and of its lots' remaining points. */
    record Account(String memberId, long balance, long entries, long lots) {
    }

    record OutboxEvent(String id, String type, String orderId, String entryId) {
    }

    /** Checks the ledger and returns what was stored (acknowledged or not: a commit whose answer was lost counts). */
    static Map<String, Stored> assertEveryAcknowledgedPurchaseExactlyOnce(RunningPlatform platform,
                                                                         Collection<Outcome> outcomes,
                                                                         Instant loadBegan) {
        Map<String, Purchase> sent = outcomes.stream().map(Outcome::purchase)
                .collect(toMap(Purchase::orderId, Function.identity(), (first, again) -> first));
        Set<String> acknowledged = outcomes.stream().filter(Outcome::acknowledged).map(o -> o.purchase().orderId())
                .collect(Collectors.toSet());
        UUID[] tenants = sent.values().stream().map(p -> UUID.fromString(p.account().tenant().id())).distinct()
                .toArray(UUID[]::new);
        try (Connection db = platform.database("jifen_points")) {
            Map<String, Stored> stored = query(db, """
                    select order_id, member_id, amount, points_awarded, entry_id from purchase
                    where tenant_id = any(?)""", tenants, row -> new Stored(row.getString(1), row.getString(2),
                    row.getBigDecimal(3), row.getLong(4), row.getString(5))).stream()
                    .collect(toMap(Stored::orderId, Function.identity()));
            assertThat(stored.keySet()).as("acknowledged purchases that are stored").containsAll(acknowledged);
            assertThat(sent.keySet()).as("stored purchases were all sent by a client").containsAll(stored.keySet());
            stored.values().forEach(purchase -> {
                Purchase asSent = sent.get(purchase.orderId());
                assertThat(purchase.memberId()).as(purchase.orderId()).isEqualTo(asSent.account().memberId());
                assertThat(purchase.amount()).as(purchase.orderId()).isEqualByComparingTo(asSent.amount());
                assertThat(purchase.points()).as(purchase.orderId()).isEqualTo(asSent.points());
            });

            Map<String, Long> earnEntries = query(db, """
                    select source_id from ledger_entry
                    where tenant_id = any(?) and reason = 'purchase' and kind = 'earn'""", tenants,
                    row -> row.getString(1)).stream().collect(groupingBy(Function.identity(), counting()));
            assertThat(earnEntries).as("earn entries per order")
                    .isEqualTo(stored.keySet().stream().collect(toMap(Function.identity(), order -> 1L)));

            assertBalancesAddUp(db, tenants, stored, sent);
            assertEveryChangeHasItsEvent(db, tenants, stored, loadBegan);
            return stored;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Balance = Σ entries = Σ lots = what the stored purchases should have earned, by the clients' own amounts. */
    private static void assertBalancesAddUp(Connection db, UUID[] tenants, Map<String, Stored> stored,
                                            Map<String, Purchase> sent) throws SQLException {
        Map<String, Long> earned = stored.keySet().stream().map(sent::get)
                .collect(groupingBy(p -> p.account().memberId(), summingLong(Purchase::points)));
        List<Account> accounts = query(db, """
                select a.member_id, a.balance,
                       (select coalesce(sum(points), 0) from ledger_entry e where e.tenant_id = a.tenant_id
                            and e.member_id = a.member_id and e.point_type = a.point_type),
                       (select coalesce(sum(remaining), 0) from lot l where l.tenant_id = a.tenant_id
                            and l.member_id = a.member_id and l.point_type = a.point_type)
                from account a where a.tenant_id = any(?) and a.point_type = 'points'""", tenants,
                row -> new Account(row.getString(1), row.getLong(2), row.getLong(3), row.getLong(4)));
        assertThat(accounts.stream().map(Account::memberId)).as("accounts").containsAll(earned.keySet());
        assertThat(accounts).allSatisfy(account -> {
            long expected = earned.getOrDefault(account.memberId(), 0L);
            assertThat(account).as("balance, Σ entries and Σ lots of %s", account.memberId())
                    .isEqualTo(new Account(account.memberId(), expected, expected, expected));
        });
    }

    /**
     * Each stored purchase has exactly one {@code purchase.recorded} and its entry one {@code points.earned} in the
     * outbox (written in the same transaction), and the relay gets every one of them to the stream; a relay killed
     * between XADD and marking the row sent may publish a row twice, which consumers absorb.
     */
    private static void assertEveryChangeHasItsEvent(Connection db, UUID[] tenants, Map<String, Stored> stored,
                                                     Instant loadBegan) throws SQLException {
        List<OutboxEvent> outbox = query(db, """
                select id, type, payload ->> 'orderId', payload ->> 'entryId' from outbox_event where tenant_id = any(?)""",
                tenants, row -> new OutboxEvent(row.getString(1), row.getString(2), row.getString(3),
                        row.getString(4)));
        Map<String, Long> recorded = outbox.stream().filter(e -> e.type().equals("purchase.recorded"))
                .collect(groupingBy(OutboxEvent::orderId, counting()));
        Map<String, Long> earned = outbox.stream().filter(e -> e.type().equals("points.earned"))
                .collect(groupingBy(OutboxEvent::entryId, counting()));
        assertThat(recorded).as("purchase.recorded events per order")
                .isEqualTo(stored.keySet().stream().collect(toMap(Function.identity(), order -> 1L)));
        assertThat(earned).as("points.earned events per entry")
                .isEqualTo(stored.values().stream().collect(toMap(Stored::entryId, entry -> 1L)));

        Set<String> ids = outbox.stream().map(OutboxEvent::id).collect(Collectors.toSet());
        Set<String> tenantIds = Arrays.stream(tenants).map(UUID::toString).collect(Collectors.toSet());
        // Stream ids start with the publishing time in ms: nothing of these tenants was published before the load.
        String from = loadBegan.toEpochMilli() + "-0";
        try (RedisClient redis = RedisClient.builder().fromURI(TestInfra.redis().url()).build()) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    assertThat(redis.xrange(STREAM, from, "+").stream().flatMap(LedgerAudit::envelopes)
                            .filter(envelope -> tenantIds.contains(envelope.path("tenantId").asString(null)))
                            .map(envelope -> envelope.get("id").asString()).collect(Collectors.toSet()))
                            .as("event ids in " + STREAM).containsAll(ids));
        }
    }

    /** The envelopes a stream entry carries: an outbox row's {@code events} array (common/events, ADR 0024). */
    private static Stream<JsonNode> envelopes(StreamEntry entry) {
        String events = entry.getFields().get("events");
        return events == null ? Stream.empty() : StreamSupport.stream(JSON.readTree(events).spliterator(), false);
    }

    private interface Row<T> {
        T map(ResultSet row) throws SQLException;
    }

    private static <T> List<T> query(Connection db, String sql, UUID[] tenants, Row<T> mapper) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setArray(1, db.createArrayOf("uuid", tenants));
            try (ResultSet rows = statement.executeQuery()) {
                List<T> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(mapper.map(rows));
                }
                return result;
            }
        }
    }
}
