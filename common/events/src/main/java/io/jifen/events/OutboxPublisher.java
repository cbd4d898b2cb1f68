package io.jifen.events;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import redis.clients.jedis.exceptions.JedisException;

/**
 * One relay step: lock a batch of unsent outbox rows, {@code XADD} them to the stream (one pipelined round trip),
 * mark them sent, commit.
 * A crash after an {@code XADD} and before the commit leaves the row unsent, so it is published again: delivery is
 * at least once, and consumers absorb the duplicate by event id.
 */
class OutboxPublisher {

    // SKIP LOCKED: relays on several instances take disjoint batches instead of queueing behind one another.
    private static final String SELECT_UNSENT = """
            select id, type, tenant_id, occurred_at, version, payload::text as payload
            from outbox where sent_at is null order by seq limit ? for update skip locked""";
    private static final String MARK_SENT =
            "update outbox set sent_at = now(), attempts = attempts + 1, last_error = null where id in (:ids)";
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
            rs.getString("type"), rs.getObject("tenant_id", UUID.class),
            rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), rs.getInt("version"),
            rs.getString("payload"));

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
            List<OutboxRow> rows = jdbc.query(SELECT_UNSENT, ROW, batchSize);
            EventStreams.Published sent = rows.isEmpty() ? new EventStreams.Published(0, null)
                    : streams.publishAll(stream, rows.stream().map(OutboxRow::fields).toList());
            List<UUID> published = rows.subList(0, sent.count()).stream().map(OutboxRow::id).toList();
            JedisException failure = sent.failure();
            if (failure != null) {
                jdbc.update(RECORD_FAILURE, failure.toString(), rows.get(sent.count()).id());
            }
            markSent(published);
            return new Batch(rows.size(), published.size(), failure);
        });
        metrics.published(stream, batch.published());
        return batch;
    }

    /** Overridable so a test can die exactly between publishing and marking sent. */
    protected void markSent(List<UUID> ids) {
        if (!ids.isEmpty()) {
            new NamedParameterJdbcTemplate(jdbc).update(MARK_SENT, Map.of("ids", ids));
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

    /** What one step did: rows locked, rows published, and the Redis failure that cut it short, if any. */
    record Batch(int selected, int published, JedisException failure) {
    }

    private record OutboxRow(UUID id, String type, UUID tenantId, Instant occurredAt, int version, String payload) {

        Map<String, String> fields() {
            return EnvelopeCodec.fields(id, type, tenantId, occurredAt, version, payload);
        }
    }
}
