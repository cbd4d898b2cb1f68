package io.jifen.events;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Drains the outbox into the service's stream: polls every {@code poll-interval}, {@code linger} after a local commit
 * that appended events (the other commits of that moment join the batch), and back to back while full batches keep
 * coming. While Redis (or the database) is down the rows simply stay unsent; the outage is logged once and retried
 * with exponential backoff.
 */
class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    // Sent rows are kept for inspection; removing them hourly keeps the table and its indexes small.
    private static final Duration PURGE_EVERY = Duration.ofHours(1);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private final OutboxPublisher publisher;
    private final EventsProperties.Relay settings;
    private volatile Loop loop;

    OutboxRelay(OutboxPublisher publisher, EventsProperties.Relay settings) {
        this.publisher = publisher;
        this.settings = settings;
    }

    /** Runs a step now instead of at the next poll. */
    void wakeUp() {
        Loop current = loop;
        if (current != null) {
            current.wake();
        }
    }

    @Override
    public synchronized void start() {
        if (!isRunning()) {
            loop = Loop.start("jifen-events-relay", this::run);
            log.info("Relaying the outbox to stream {}", publisher.stream());
        }
    }

    @Override
    public synchronized void stop() {
        Loop current = loop;
        if (current != null) {
            current.signalStop();
            current.awaitStopped(STOP_TIMEOUT);
            loop = null;
        }
    }

    @Override
    public boolean isRunning() {
        Loop current = loop;
        return current != null && current.alive();
    }

    @Override
    public int getPhase() {
        return EventsAutoConfiguration.PHASE;
    }

    private void run(Loop loop) {
        Outage redis = new Outage(log, "Redis (outbox relay)", "events stay in the outbox");
        Outage database = new Outage(log, "PostgreSQL (outbox relay)", "no events are published");
        Backoff backoff = new Backoff(settings.pollInterval(), settings.maxBackoff());
        Instant nextPurge = Instant.now().plus(Duration.ofMinutes(1));
        while (loop.running()) {
            try {
                nextPurge = purgeIfDue(nextPurge);
                OutboxPublisher.Batch batch = publisher.publishBatch();
                database.succeeded();
                if (batch.failure() != null) {
                    redis.failed(batch.failure());
                    loop.pause(backoff.next());
                    continue;
                }
                if (batch.selected() > 0) {
                    redis.succeeded();
                }
                backoff.reset();
                if (batch.selected() < publisher.batchSize()) {
                    loop.await(settings.pollInterval());
                    loop.pause(settings.linger());
                }
            } catch (RuntimeException e) {
                database.failed(e);
                loop.pause(backoff.next());
            }
        }
    }

    private Instant purgeIfDue(Instant due) {
        if (Instant.now().isBefore(due)) {
            return due;
        }
        int purged = publisher.purgeSent(settings.retention());
        if (purged > 0) {
            log.debug("Purged {} outbox rows sent more than {} ago", purged, settings.retention());
        }
        // Twice the outbox's retention: a sent row replayed by an operator still finds its claims.
        Duration claims = settings.retention().multipliedBy(2);
        int forgotten = publisher.purgeProcessed(claims);
        if (forgotten > 0) {
            log.debug("Purged {} event claims older than {}", forgotten, claims);
        }
        return Instant.now().plus(PURGE_EVERY);
    }
}
