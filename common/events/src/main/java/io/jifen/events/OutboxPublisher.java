package io.jifen.events;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.support.TransactionTemplate;
import redis.clients.jedis.exceptions.JedisException;

/**
 * One relay step: lock a batch of unsent outbox rows, {@code XADD} each of their events to the stream (one pipelined
 * round trip), mark them sent, commit.
 * A crash after an {@code XADD} and before the commit leaves the row unsent, so it is published again: delivery is
 * at least once, and consumers absorb the duplicate by event id.
 */
class OutboxPublisher {

    // The oldest unsent rows, as many as carry up to the batch size in events (at least one row, however large), each
    // event on a line of its own in row and append order. SKIP LOCKED: relays on several instances take disjoint
    // batches instead of queueing behind one another.
    private static final String SELECT_UNSENT = """
            with batch as (
                select id, seq, events from outbox
                where seq in (select seq from (
                        select seq, sum(event_count) over (order by seq) - event_count as before
                        from (select seq, event_count from outbox where sent_at is null order by seq limit ?) unsent
                    ) counted where before < ?)
                order by seq
                for update skip locked)
            select b.id as row_id, e.value ->> 'id' as id, e.value ->> 'type' as type,
                   e.value ->> 'tenantId' as tenant_id, e.value ->> 'occurredAt' as occurred_at,
                   e.value ->> 'version' as version, e.value -> 'payload' as payload
            from batch b cross join lateral jsonb_array_elements(b.events) with ordinality as e(value, position)
            order by b.seq, e.position""";
    private static final String MARK_SENT =
            "update outbox set sent_at = now(), attempts = attempts + 1, last_error = null where id = any(?)";
    private static final String RECORD_FAILURE =
            "update outbox set attempts = attempts + 1, last_error = ? where id = ?";
    // Bounded, so one purge never holds locks on millions of rows.
    private static final int PURGE_BOUND = 10_000;
    private static final String PURGE_SENT =
            "delete from outbox where id in (select id from outbox where sent_at < ? limit " + PURGE_BOUND + ")";
    private static final String PURGE_PROCESSED = """
            delete from processed_event where ctid = any(array(
                select ctid from processed_event where processed_at < ? limit %d))""".formatted(PURGE_BOUND);

    private static final RowMapper<OutboxEvent> EVENT = (rs, n) -> new OutboxEvent(
            rs.getObject("row_id", UUID.class), EnvelopeCodec.fields(rs.getString("id"), rs.getString("type"),
                    rs.getString("tenant_id"), rs.getString("occurred_at"), rs.getString("version"),
                    rs.getString("payload")));

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final EventStreams streams;
    private final String stream;
    private final int batchSize;
    private final EventsMetrics metrics;

    OutboxPublisher(JdbcTemplate jdbc, TransactionTemplate transaction, EventStreams streams, String stream,
            int batchSize, EventsMetrics metrics) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.streams = streams;
        this.stream = stream;
        this.batchSize = batchSize;
        this.metrics = metrics;
    }

    /**
     * Publishes the oldest unsent rows. If Redis fails part-way, the rows published before the failure are still
     * marked sent, the failing row records the error, and the failure is returned rather than thrown.
     */
    Batch publishBatch() {
        Batch batch = transaction.execute(status -> {
            List<OutboxEvent> events = jdbc.query(SELECT_UNSENT, EVENT, batchSize, batchSize);
            EventStreams.Published sent = events.isEmpty() ? new EventStreams.Published(0, null)
                    : streams.publishAll(stream, events.stream().map(OutboxEvent::fields).toList());
            // A row counts as sent once all of its events are; the one the failure cut short is published again.
            Set<UUID> unfinished = events.subList(sent.count(), events.size()).stream().map(OutboxEvent::rowId)
                    .collect(Collectors.toSet());
            List<UUID> published = events.stream().map(OutboxEvent::rowId).distinct()
                    .filter(row -> !unfinished.contains(row)).toList();
            JedisException failure = sent.failure();
            if (failure != null) {
                jdbc.update(RECORD_FAILURE, failure.toString(), events.get(sent.count()).rowId());
            }
            markSent(published);
            return new Batch(events.size(), sent.count(), failure);
        });
        metrics.published(stream, batch.published());
        return batch;
    }

    /** Overridable so a test can die exactly between publishing and marking sent; {@code ids} are row ids. */
    protected void markSent(List<UUID> ids) {
        if (!ids.isEmpty()) {
            jdbc.update(MARK_SENT, (Object) ids.toArray(UUID[]::new));
        }
    }

    /** Deletes rows sent longer than {@code retention} ago; returns how many. */
    int purgeSent(Duration retention) {
        return purgeOlderThan(PURGE_SENT, retention);
    }

    /**
     * Deletes consumers' claims ({@code processed_event}) made longer than {@code retention} ago; returns how many.
     * A claim only matters while its event can be delivered again, which is minutes (the relay's retry, a consumer's
     * reclaim and dead-lettering) or, for an operator replaying sent outbox rows, the outbox's own retention.
     */
    int purgeProcessed(Duration retention) {
        return purgeOlderThan(PURGE_PROCESSED, retention);
    }

    /** Runs a bounded delete of rows older than {@code retention} until a round deletes less than its bound. */
    private int purgeOlderThan(String boundedDelete, Duration retention) {
        OffsetDateTime cutoff = OffsetDateTime.ofInstant(Instant.now().minus(retention), ZoneOffset.UTC);
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.update(boundedDelete, cutoff);
            total += deleted;
        } while (deleted == PURGE_BOUND);
        return total;
    }

    String stream() {
        return stream;
    }

    int batchSize() {
        return batchSize;
    }

    /** What one step did: events locked, events published, and the Redis failure that cut it short, if any. */
    record Batch(int selected, int published, JedisException failure) {
    }

    /** An event of an outbox row, as the fields of its stream entry. */
    private record OutboxEvent(UUID rowId, Map<String, String> fields) {
    }
}
