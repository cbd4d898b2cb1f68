package io.jifen.events;

import io.jifen.tenancy.TenantContext;
import io.jifen.tenancy.TenantId;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a consumer's handler at most once per event and group: in one transaction, begun inside the event's
 * tenant, that first claims the event in {@code processed_event}. The claim commits or rolls back with the
 * handler's effect, so a redelivered event (relay crash, lost {@code XACK}, reclaim) is recognised and skipped.
 * A group whose handlers are idempotent by themselves ({@link EventConsumer#idempotentByItself}) claims nothing.
 */
class EventHandling {

    // A concurrent duplicate (two instances holding the same entry after a reclaim) waits here on the primary key
    // until the first commits, then inserts nothing.
    private static final String CLAIM = """
            insert into processed_event (consumer, event_id, tenant_id) values (?, ?, ?)
            on conflict do nothing""";

    // A run's claims in one statement. Sorted ids: two instances claiming overlapping runs lock in the same order.
    private static final String CLAIM_ALL = """
            insert into processed_event (consumer, event_id, tenant_id)
            select ?, id, ? from unnest(?::uuid[]) as id order by id
            on conflict do nothing
            returning event_id""";

    private final TransactionTemplate transaction;
    private final JdbcTemplate jdbc;

    EventHandling(TransactionTemplate transaction, JdbcTemplate jdbc) {
        this.transaction = transaction;
        this.jdbc = jdbc;
    }

    /** Applies {@code event} through {@code consumer} unless the group already has; throws what the handler threw. */
    Outcome handleOnce(EventConsumer consumer, EventEnvelope event) {
        TenantId tenant = event.tenantId();
        if (tenant == null) {
            return inTransaction(consumer, event);
        }
        // Outside the transaction: Hibernate fixes a session's tenant when the transaction opens it.
        Outcome[] outcome = new Outcome[1];
        TenantContext.runAs(tenant, () -> outcome[0] = inTransaction(consumer, event));
        return outcome[0];
    }

    /**
     * Applies a run of one tenant's events in a single transaction (one commit instead of one per event), all
     * claimed first in one statement, as {@link #handleOnce} claims one; those not processed before then go to
     * {@link EventConsumer#handleAll} together. All or nothing: if any handler throws, nothing of the run is kept
     * and the exception propagates, so the caller can fall back to {@link #handleOnce} event by event.
     *
     * @return each event's outcome, in order
     */
    List<Outcome> handleAllOnce(EventConsumer consumer, TenantId tenant, List<EventEnvelope> events) {
        List<Outcome> outcomes = new ArrayList<>(events.size());
        Runnable run = () -> transaction.executeWithoutResult(status -> {
            if (!consumer.claimsEvents()) {
                events.forEach(event -> outcomes.add(Outcome.HANDLED));
                consumer.handleAll(events, status::flush);
                return;
            }
            Set<UUID> claimed = claimAll(consumer.group(), tenant, events);
            List<EventEnvelope> fresh = new ArrayList<>(events.size());
            for (EventEnvelope event : events) {
                boolean first = claimed.remove(event.id());
                outcomes.add(first ? Outcome.HANDLED : Outcome.DUPLICATE);
                if (first) {
                    fresh.add(event);
                }
            }
            if (!fresh.isEmpty()) {
                consumer.handleAll(fresh, status::flush);
            }
        });
        if (tenant == null) {
            run.run();
        } else {
            TenantContext.runAs(tenant, run);
        }
        return outcomes;
    }

    private Outcome inTransaction(EventConsumer consumer, EventEnvelope event) {
        return transaction.execute(status -> {
            if (consumer.claimsEvents() && !claim(consumer.group(), event)) {
                return Outcome.DUPLICATE;
            }
            consumer.handle(event);
            return Outcome.HANDLED;
        });
    }

    private Set<UUID> claimAll(String group, TenantId tenant, List<EventEnvelope> events) {
        UUID[] ids = events.stream().map(EventEnvelope::id).toArray(UUID[]::new);
        return new HashSet<>(jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(CLAIM_ALL);
            statement.setString(1, group);
            statement.setObject(2, tenant == null ? null : tenant.value());
            statement.setArray(3, connection.createArrayOf("uuid", ids));
            return statement;
        }, (row, i) -> row.getObject(1, UUID.class)));
    }

    private boolean claim(String group, EventEnvelope event) {
        return jdbc.update(CLAIM, group, event.id(), event.tenant().map(TenantId::value).orElse(null)) == 1;
    }

    enum Outcome {
        HANDLED, DUPLICATE
    }
}
