package io.jifen.events;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.support.TransactionTemplate;
import redis.clients.jedis.exceptions.JedisException;

/**
 * One relay step: lock a batch of unsent outbox rows, {@code XADD} each row as one stream entry carrying its events
 * (one pipelined round trip; docs/adr/0024), mark them sent, commit.
 * A crash after an {@code XADD} and before the commit leaves the row unsent, so it is published again: delivery is
 * at least once, and consumers absorb the duplicate by event id.
 */
class OutboxPublisher {

    // The oldest unsent rows, as many as carry up to the batch size in events (at least one row, however large), in
    // append order; each row's events as the JSON array it stores. SKIP LOCKED: relays on several instances take
    // disjoint batches instead of queueing behind one another.
    private static final String SELECT_UNSENT = """
            select id, event_count, events from outbox
            where seq in (select seq from (
                    select seq, sum(event_count) over (order by seq) - event_count as before
                    from (select seq, event_count from outbox where sent_at is null order by seq limit ?) unsent
                ) counted where before < ?)
            order by seq
            for update skip locked""";
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

    private static final RowMapper<OutboxRow> ROW = (rs, n) -> new OutboxRow(rs.getObject("id", UUID.class),
            rs.getInt("event_count"), rs.getString("events"));

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
            List<OutboxRow> rows = jdbc.query(SELECT_UNSENT, ROW, batchSize, batchSize);
            EventStreams.Published sent = rows.isEmpty() ? new EventStreams.Published(0, null)
                    : streams.publishAll(stream, rows.stream()
                            .map(row -> EnvelopeCodec.entry(row.events(), row.eventCount())).toList());
            // The rows before the one the failure cut short are sent; that one and the rest are published again.
            List<OutboxRow> published = rows.subList(0, sent.count());
            JedisException failure = sent.failure();
            if (failure != null) {
                jdbc.update(RECORD_FAILURE, failure.toString(), rows.get(sent.count()).id());
            }
            markSent(published.stream().map(OutboxRow::id).toList());
            return new Batch(rows.stream().mapToInt(OutboxRow::eventCount).sum(),
                    published.stream().mapToInt(OutboxRow::eventCount).sum(), failure);
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

    /** An unsent outbox row: its events as the JSON array it stores, and how many there are. */
    private record OutboxRow(UUID id, int eventCount, String events) {
    }
}
