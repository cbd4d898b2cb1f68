package io.jifen.events;

import io.jifen.tenancy.TenantId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a service writes its domain events: a row in the {@code outbox} table, in the caller's transaction, so the
 * event exists if and only if the change it describes committed. The relay publishes it afterwards.
 * <p>
 * The events are written just before the transaction commits, a transaction's events as one row (a purchase
 * announces two; docs/adr/0020), or as rows of {@value #EVENTS_PER_ROW} for more (a batch of 500 purchases announces a
 * thousand; docs/adr/0024). Nothing in the writing transaction reads its own outbox, and a failed write fails the
 * commit, so the change and its events still commit together or not at all. The view {@code outbox_event} shows each
 * event of each row.
 */
public class Outbox {

    // <aggregate>.<past-tense verb>, lower case, words joined by '-': member.registered, tier.changed.
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*(\\.[a-z][a-z0-9]*(-[a-z0-9]+)*)+");

    /** The most events one row (and so one stream entry) carries (docs/adr/0024). */
    static final int EVENTS_PER_ROW = 100;

    // A row carries the events of one transaction, as a JSON array of envelopes (docs/adr/0020).
    private static final String INSERT = "insert into outbox (id, event_count, events) values (?, ?, ?)";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final Runnable afterCommit;

    /**
     * @param afterCommit run once the appending transaction has committed (wakes the relay, so an event does not
     *                    wait for the next poll)
     */
    Outbox(JdbcTemplate jdbc, JsonMapper json, Runnable afterCommit) {
        this.jdbc = jdbc;
        this.json = json;
        this.afterCommit = afterCommit;
    }

    /** Appends version 1 of an event; see {@link #append(String, int, TenantId, Object)}. */
    public UUID append(String type, TenantId tenant, Object payload) {
        return append(type, 1, tenant, payload);
    }

    /**
     * Appends an event to the outbox inside the current transaction.
     *
     * @param type    past tense, e.g. {@code points.earned}
     * @param version the version of this type's payload shape
     * @param tenant  the tenant the event belongs to, {@code null} for a global event
     * @param payload anything Jackson writes as a JSON object (a record, usually)
     * @return the event's id
     * @throws IllegalStateException when no read-write transaction is active: without one the event could be
     *                               published for a change that never commits, or lost for one that does
     */
    public UUID append(String type, int version, TenantId tenant, Object payload) {
        requireTransaction();
        requireValidType(type);
        if (version < 1) {
            throw new IllegalArgumentException("An event version starts at 1, not " + version);
        }
        UUID id = TimeOrderedUuids.next();
        String envelope = envelopeJson(id, type, tenant, Instant.now().truncatedTo(ChronoUnit.MICROS), version,
                objectJson(payload));
        Object holder = TransactionSynchronizationManager.getResource(jdbc.getDataSource());
        if (holder == null) {
            // A transaction that does not hold this data source's connection: write now, in whatever it uses.
            write(List.of(envelope));
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    Outbox.this.afterCommit.run();
                }
            });
        } else {
            pending(holder).add(envelope);
        }
        return id;
    }

    /**
     * Writes the events this transaction has appended so far now rather than just before it commits; what it appends
     * later is written then, after them. For a transaction that appends its events before it takes locks other
     * transactions wait for (a batch of purchases before its accounts): the rows are not written while it holds them.
     */
    public void writeAppended() {
        requireTransaction();
        Object holder = TransactionSynchronizationManager.getResource(jdbc.getDataSource());
        @SuppressWarnings("unchecked")
        List<String> events = holder == null ? null
                : (List<String>) TransactionSynchronizationManager.getResource(new PendingKey(holder));
        if (events != null && !events.isEmpty()) {
            write(List.copyOf(events));
            events.clear();
        }
    }

    /**
     * This transaction's events not written yet. Keyed by the transaction's connection holder (not the thread), so
     * a transaction suspended for another keeps its own; the first append registers the write before commit.
     */
    @SuppressWarnings("unchecked")
    private List<String> pending(Object holder) {
        PendingKey key = new PendingKey(holder);
        List<String> events = (List<String>) TransactionSynchronizationManager.getResource(key);
        if (events == null) {
            List<String> fresh = new ArrayList<>();
            TransactionSynchronizationManager.bindResource(key, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    if (!fresh.isEmpty()) {
                        write(fresh);
                    }
                }

                @Override
                public void afterCommit() {
                    Outbox.this.afterCommit.run();
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(key);
                }
            });
            events = fresh;
        }
        return events;
    }

    /**
     * One row for a transaction's events, in append order (the relay publishes them in that order, a row as one stream
     * entry); a transaction of more than {@value #EVENTS_PER_ROW} events (a batch of purchases) writes rows of that
     * many, in one round trip, so no stream entry grows past them.
     */
    private void write(List<String> envelopes) {
        if (envelopes.size() <= EVENTS_PER_ROW) {
            jdbc.update(INSERT, TimeOrderedUuids.next(), envelopes.size(), "[" + String.join(",", envelopes) + "]");
            return;
        }
        List<Object[]> rows = new ArrayList<>();
        for (int from = 0; from < envelopes.size(); from += EVENTS_PER_ROW) {
            List<String> part = envelopes.subList(from, Math.min(from + EVENTS_PER_ROW, envelopes.size()));
            rows.add(new Object[] {TimeOrderedUuids.next(), part.size(), "[" + String.join(",", part) + "]"});
        }
        jdbc.batchUpdate(INSERT, rows);
    }

    /**
     * The envelope as JSON, the payload already written. Only the payload needs escaping, and Jackson did it: the
     * ids are UUIDs, the type matches {@link #TYPE} and the time is an ISO-8601 instant.
     */
    private static String envelopeJson(UUID id, String type, TenantId tenant, Instant occurredAt, int version,
            String payloadJson) {
        StringBuilder json = new StringBuilder(payloadJson.length() + 160).append("{\"id\":\"").append(id)
                .append("\",\"type\":\"").append(type).append('"');
        if (tenant != null) {
            json.append(",\"tenantId\":\"").append(tenant.value()).append('"');
        }
        return json.append(",\"occurredAt\":\"").append(occurredAt).append("\",\"version\":").append(version)
                .append(",\"payload\":").append(payloadJson).append('}').toString();
    }

    /** The resource key of a transaction's pending events (the holder itself may key other per-transaction state). */
    private record PendingKey(Object holder) {
    }

    /**
     * The payload written straight to JSON text (not through a tree first: a batch of 500 purchases appends a
     * thousand events). Jackson writes an object with nothing before its brace.
     */
    private String objectJson(Object payload) {
        String text = json.writeValueAsString(payload);
        if (text.isEmpty() || text.charAt(0) != '{') {
            throw new IllegalArgumentException("An event payload must be written as a JSON object, not "
                    + (text.length() <= 40 ? text : text.substring(0, 40) + "…"));
        }
        return text;
    }

    private static void requireTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()
                || !TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("Outbox.append must run inside the transaction that makes the change "
                    + "(call it from a @Transactional method)");
        }
        if (TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
            throw new IllegalStateException("Outbox.append cannot run in a read-only transaction");
        }
    }

    static void requireValidType(String type) {
        if (type == null || type.length() > 100 || !TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("An event type is '<aggregate>.<past-tense verb>' in lower case, "
                    + "e.g. 'member.registered'; not '" + type + "'");
        }
    }
}
