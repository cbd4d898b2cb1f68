package io.jifen.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jifen.events.testapp.EffectCounter;
import io.jifen.tenancy.TenantId;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import redis.clients.jedis.resps.StreamEntry;
import tools.jackson.databind.JsonNode;

/** What the outbox promises the writing service: the event exists, and is published, exactly when it commits. */
class OutboxIT extends EventsIntegrationTest {

    @Autowired
    OutboxRelay relay;

    @Autowired
    MeterRegistry meters;

    @Autowired
    EventStreams streams;

    @Autowired
    EventsMetrics metrics;

    record Counted(int n, String note) {
    }

    @Test
    void shouldPublishNothingWhenTheTransactionRollsBack() {
        UUID[] rolledBack = new UUID[1];
        transaction.executeWithoutResult(status -> {
            rolledBack[0] = outbox.append(EffectCounter.COUNTED, null, new Counted(1, "rolled back"));
            status.setRollbackOnly();
        });
        UUID committed = appendCommitted(EffectCounter.COUNTED, null, new Counted(2, "committed"));

        // The relay publishes in order, so once the later event went through, the earlier one had its chance.
        eventually().until(() -> effectOf(committed) == 1);
        assertThat(entriesOf(STREAM, rolledBack[0])).isEmpty();
        assertThat(outboxRow(rolledBack[0])).isNull();
        assertThat(effectOf(rolledBack[0])).isZero();
    }

    @Test
    void shouldWriteATransactionsEventsWhenItCommitsInTheOrderTheyWereAppended() {
        TenantId tenant = newTenant();
        List<UUID> appended = new ArrayList<>();
        Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
        transaction.executeWithoutResult(status -> {
            for (int n = 1; n <= 5; n++) {
                appended.add(outbox.append(EffectCounter.COUNTED, n == 3 ? null : tenant,
                        new Counted(n, "it's \"quoted\", {braced}")));
            }
            // Not written before commit: the row goes in one statement just before it.
            assertThat(jdbc.queryForObject("select count(*) from outbox_event where id = any(?::uuid[])", Long.class,
                    (Object) appended.stream().map(UUID::toString).toArray(String[]::new))).isZero();
        });

        String[] ids = appended.stream().map(UUID::toString).toArray(String[]::new);
        List<UUID> written = jdbc.queryForList(
                "select id from outbox_event where id = any(?::uuid[]) order by seq, position", UUID.class, (Object) ids);
        assertThat(written).containsExactlyElementsOf(appended);
        // One row carries the transaction's five events.
        assertThat(jdbc.queryForObject("select count(distinct row_id) from outbox_event where id = any(?::uuid[])",
                Long.class, (Object) ids)).isOne();
        Instant after = Instant.now();
        for (int n = 1; n <= 5; n++) {
            Map<String, Object> row = jdbc.queryForMap("""
                    select type, tenant_id, occurred_at, version, payload::text as payload from outbox_event
                    where id = ?""",
                    appended.get(n - 1));
            assertThat(row.get("type")).isEqualTo(EffectCounter.COUNTED);
            assertThat(row.get("tenant_id")).isEqualTo(n == 3 ? null : tenant.value());
            assertThat(((java.sql.Timestamp) row.get("occurred_at")).toInstant()).isBetween(before, after);
            assertThat(row.get("version")).isEqualTo(1);
            assertThat(row.get("payload").toString()).contains("\"n\": " + n).contains("it's \\\"quoted\\\", {braced}");
        }
        eventually().until(() -> appended.stream().allMatch(id -> effectOf(id) == 1));
    }

    @Test
    void shouldPublishAsManyWholeRowsAStepAsCarryUpToTheBatchSizeInEventsAndAtLeastOne() {
        relay.stop();
        try {
            eventually().until(() -> unsentEvents() == 0);
            List<List<UUID>> rows = new ArrayList<>();
            for (int size : new int[] {4, 4, 4, 12}) {
                rows.add(transaction.execute(status -> IntStream.range(0, size)
                        .mapToObj(n -> outbox.append(EffectCounter.COUNTED, null, Map.of("n", n))).toList()));
            }
            OutboxPublisher publisher = new OutboxPublisher(jdbc, transaction, streams, STREAM, 6, metrics);

            // 4 + 4 events: the second row starts below the batch size of 6, the third does not.
            assertThat(publisher.publishBatch().published()).isEqualTo(8);
            assertThat(sent(rows)).containsExactly(true, true, false, false);
            // The third row's 4, then the fourth starts at 4, below 6: all of its 12 go in the same step.
            assertThat(publisher.publishBatch().published()).isEqualTo(4 + 12);
            assertThat(sent(rows)).containsExactly(true, true, true, true);
            // One entry per row, each carrying its row's events in order.
            List<List<UUID>> inStream = REDIS.xrange(STREAM, "-", "+").stream().map(EventsIntegrationTest::eventIds)
                    .filter(ids -> rows.stream().anyMatch(row -> row.contains(ids.getFirst()))).toList();
            assertThat(inStream).containsExactlyElementsOf(rows);
        } finally {
            relay.start();
        }
    }

    @Test
    void shouldWriteALargeTransactionsEventsAsRowsOfAHundredPublishedAsOneEntryEachInOrder() {
        List<UUID> appended = transaction.execute(status -> IntStream.range(0, 250)
                .mapToObj(n -> outbox.append(EffectCounter.COUNTED, null, Map.of("n", n))).toList());

        assertThat(jdbc.queryForList("""
                select event_count from outbox where id in (select row_id from outbox_event where id = any(?::uuid[]))
                order by seq""", Integer.class, (Object) appended.stream().map(UUID::toString)
                .toArray(String[]::new))).containsExactly(100, 100, 50);
        eventually().until(() -> appended.stream().allMatch(id -> effectOf(id) == 1));
        List<List<UUID>> entries = REDIS.xrange(STREAM, "-", "+").stream().map(EventsIntegrationTest::eventIds)
                .filter(ids -> !ids.isEmpty() && appended.contains(ids.getFirst())).toList();
        assertThat(entries).containsExactly(appended.subList(0, 100), appended.subList(100, 200),
                appended.subList(200, 250));
    }

    @Test
    void shouldWriteTheEventsAppendedSoFarWhenAskedAndTheLaterOnesAtCommitAfterThem() {
        List<UUID> early = new ArrayList<>();
        List<UUID> late = new ArrayList<>();
        transaction.executeWithoutResult(status -> {
            IntStream.range(0, 3).forEach(n -> early.add(outbox.append(EffectCounter.COUNTED, null, Map.of("n", n))));
            outbox.writeAppended();
            assertThat(rowsOf(early)).as("written in the transaction, before its commit").hasSize(1);
            outbox.writeAppended();
            late.add(outbox.append(EffectCounter.COUNTED, null, Map.of("n", 3)));
        });
        List<UUID> nothingLater = transaction.execute(status -> {
            List<UUID> ids = List.of(outbox.append(EffectCounter.COUNTED, null, Map.of("n", 4)));
            outbox.writeAppended();
            return ids;
        });

        List<UUID> all = new ArrayList<>(early);
        all.addAll(late);
        assertThat(rowsOf(all)).as("the early row, then the late one; no empty row").containsExactly(3, 1);
        assertThat(rowsOf(nothingLater)).as("nothing appended after: no second row").containsExactly(1);
        assertThat(jdbc.queryForObject("select count(*) from outbox where event_count = 0", Long.class)).isZero();
        eventually().until(() -> all.stream().allMatch(id -> effectOf(id) == 1));
        List<List<UUID>> entries = REDIS.xrange(STREAM, "-", "+").stream().map(EventsIntegrationTest::eventIds)
                .filter(ids -> !ids.isEmpty() && all.contains(ids.getFirst())).toList();
        assertThat(entries).containsExactly(early, late);
    }

    /** The event counts of the outbox rows carrying {@code events}, in row order. */
    private List<Integer> rowsOf(List<UUID> events) {
        return jdbc.queryForList("""
                select event_count from outbox where id in (select row_id from outbox_event where id = any(?::uuid[]))
                order by seq""", Integer.class, (Object) events.stream().map(UUID::toString).toArray(String[]::new));
    }

    /** Whether each row (given by its events) is marked sent. */
    private List<Boolean> sent(List<List<UUID>> rows) {
        return rows.stream().map(row -> outboxRow(row.getFirst()).sent()).toList();
    }

    @Test
    void shouldPublishACommittedEventWithItsWholeEnvelope() {
        TenantId tenant = newTenant();

        Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UUID event = appendCommitted(EffectCounter.COUNTED, tenant, new Counted(7, "seven"));
        Instant after = Instant.now();

        eventually().until(() -> !entriesOf(STREAM, event).isEmpty());
        StreamEntry entry = entriesOf(STREAM, event).getFirst();
        assertThat(entry.getFields()).containsOnlyKeys("events", "count").containsEntry("count", "1");
        JsonNode envelope = envelopes(entry).getFirst();
        assertThat(envelope.propertyNames()).containsExactlyInAnyOrder("id", "type", "tenantId", "occurredAt",
                "version", "payload");
        assertThat(envelope.get("id").asString()).isEqualTo(event.toString());
        assertThat(envelope.get("type").asString()).isEqualTo("test.counted");
        assertThat(envelope.get("tenantId").asString()).isEqualTo(tenant.toString());
        assertThat(envelope.get("version").asInt()).isEqualTo(1);
        assertThat(envelope.get("payload")).isEqualTo(JSON.readTree("{\"n\": 7, \"note\": \"seven\"}"));
        assertThat(Instant.parse(envelope.get("occurredAt").asString())).isBetween(before, after);
        eventually().until(() -> outboxRow(event).sent());
        assertThat(outboxRow(event).attempts()).isEqualTo(1);
    }

    @Test
    void shouldLeaveTheTenantOutOfAGlobalEventsEntry() {
        UUID event = appendCommitted(EffectCounter.COUNTED, null, Map.of("n", 1));

        eventually().until(() -> !entriesOf(STREAM, event).isEmpty());
        assertThat(entriesOf(STREAM, event).getFirst().getFields()).doesNotContainKey("tenantId");
    }

    @Test
    void shouldRefuseToAppendOutsideATransaction() {
        assertThatThrownBy(() -> outbox.append(EffectCounter.COUNTED, null, Map.of("n", 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must run inside the transaction");
    }

    @Test
    void shouldRefuseAPayloadThatIsNotAJsonObjectAndWriteNothing() {
        assertThatThrownBy(() -> transaction.executeWithoutResult(
                status -> outbox.append(EffectCounter.COUNTED, null, List.of(1, 2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JSON object");
    }

    @Test
    void shouldKeepItsSchemaHistoryApartFromTheServicesOwnMigrations() {
        assertThat(jdbc.queryForList("select description from flyway_schema_history where version = '1'",
                String.class)).containsExactly("create test tables");
        assertThat(jdbc.queryForList("select description from " + EventsSchema.HISTORY + " where version = '1'",
                String.class)).containsExactly("create outbox and processed event");
    }

    @Test
    void shouldPurgeOnlyRowsSentLongerAgoThanTheRetention() {
        UUID oldSent = insertRow("interval '8 days'");
        UUID recentSent = insertRow("interval '1 day'");
        UUID oldUnsent = insertRow(null);
        OutboxPublisher publisher = new OutboxPublisher(jdbc, transaction, null, STREAM, 10, null);

        assertThat(publisher.purgeSent(Duration.ofDays(7))).isEqualTo(1);

        assertThat(outboxRow(oldSent)).isNull();
        assertThat(outboxRow(recentSent)).isNotNull();
        assertThat(outboxRow(oldUnsent)).isNotNull();
    }

    @Test
    void shouldPurgeOnlyEventClaimsOlderThanTheirRetention() {
        String group = "purge-" + UUID.randomUUID();
        UUID old = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        jdbc.update("""
                insert into processed_event (consumer, event_id, processed_at)
                values (?, ?, now() - interval '15 days'), (?, ?, now() - interval '13 days')""",
                group, old, group, recent);
        OutboxPublisher publisher = new OutboxPublisher(jdbc, transaction, null, STREAM, 10, null);

        assertThat(publisher.purgeProcessed(Duration.ofDays(14))).isGreaterThanOrEqualTo(1);

        assertThat(jdbc.queryForList("select event_id from processed_event where consumer = ?", UUID.class, group))
                .containsExactly(recent);
    }

    @Test
    void shouldReportTheBacklogAndCountWhatIsPublished() {
        double publishedBefore = published();
        relay.stop();
        try {
            appendCommitted(EffectCounter.COUNTED, null, Map.of("n", 1));
            appendCommitted(EffectCounter.COUNTED, null, Map.of("n", 2));

            assertThat(backlog()).isEqualTo(unsentEvents()).isGreaterThanOrEqualTo(2);
        } finally {
            relay.start();
        }
        eventually().until(() -> backlog() == 0);
        assertThat(published()).isGreaterThanOrEqualTo(publishedBefore + 2);
    }

    private double backlog() {
        return meters.get("jifen.events.outbox.backlog").gauge().value();
    }

    private double published() {
        var counter = meters.find("jifen.events.published").tag("stream", STREAM).counter();
        return counter == null ? 0 : counter.count();
    }

    private double unsentEvents() {
        return jdbc.queryForObject("select coalesce(sum(event_count), 0) from outbox where sent_at is null",
                Long.class);
    }

    /** A row of one event of a type nobody handles (its id the row's), sent {@code sentAgo} ago (null: unsent). */
    private UUID insertRow(String sentAgo) {
        UUID id = UUID.randomUUID();
        jdbc.update("""
                insert into outbox (id, event_count, events, sent_at)
                values (?, 1, jsonb_build_array(jsonb_build_object('id', ?::text, 'type', 'test.ignored',
                        'occurredAt', '2026-01-01T00:00:00Z', 'version', 1, 'payload', '{}'::jsonb)), """
                + (sentAgo == null ? "null" : "now() - " + sentAgo) + ")", id, id.toString());
        return id;
    }
}
