package io.jifen.events;

import io.jifen.events.EnvelopeCodec.MalformedEventException;
import io.jifen.events.EventStreams.ClaimedPage;
import io.jifen.events.EventStreams.StreamMessage;
import io.jifen.events.EventsMetrics.Outcome;
import io.jifen.tenancy.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Runs one {@link EventConsumer} as one member of its group: creates the group if missing, reads new entries with
 * a blocking {@code XREADGROUP}, handles each of their events once and acknowledges an entry after the commits of all
 * of its events, and every half {@code claim-idle} takes over entries left pending too long (by a dead instance, or
 * by a failed handler here), parking those that have used up their deliveries in {@code <stream>:dlq}.
 */
final class ConsumerWorker {

    private static final Logger log = LoggerFactory.getLogger(ConsumerWorker.class);
    private static final StreamEntryID START = new StreamEntryID(0, 0);

    private final EventConsumer consumer;
    private final String name;
    private final ConsumerRuntime runtime;
    private final EventsProperties.Consumer settings;
    private volatile Loop loop;
    private boolean groupsReady;
    // Immediately at start: entries a previous instance left pending need no new reader to wait for.
    private Instant nextReclaim = Instant.MIN;

    ConsumerWorker(EventConsumer consumer, String name, ConsumerRuntime runtime) {
        this.consumer = consumer;
        this.name = name;
        this.runtime = runtime;
        this.settings = runtime.settings();
    }

    void start() {
        loop = Loop.start("jifen-events-" + consumer.group(), this::run);
    }

    void signalStop() {
        loop.signalStop();
    }

    void awaitStopped(Duration timeout) {
        loop.awaitStopped(timeout);
    }

    boolean running() {
        return loop != null && loop.alive();
    }

    private void run(Loop loop) {
        Outage redis = new Outage(log, "Redis (" + consumer + ")", "new events wait in the stream");
        Outage database = new Outage(log, "PostgreSQL (" + consumer + ")", "entries read stay pending");
        Backoff backoff = new Backoff(Duration.ofMillis(100), settings.maxBackoff());
        while (loop.running()) {
            try {
                poll(loop);
                redis.succeeded();
                database.succeeded();
                backoff.reset();
            } catch (JedisException e) {
                if (EventStreams.isMissingGroup(e)) {
                    // Redis lost the group (restarted without persistence, stream deleted): recreate it from 0.
                    log.info("{} found its group missing on Redis; recreating it", consumer);
                    groupsReady = false;
                    continue;
                }
                redis.failed(e);
                loop.pause(backoff.next());
            } catch (DatabaseUnavailableException e) {
                database.failed(e.getCause() instanceof Exception cause ? cause : e);
                loop.pause(backoff.next());
            }
        }
    }

    private void poll(Loop loop) {
        if (!groupsReady) {
            consumer.streams().forEach(stream -> runtime.streams().createGroup(stream, consumer.group()));
            groupsReady = true;
        }
        reclaimIfDue(loop);
        // A batch read is finished even during shutdown: an entry left unprocessed would wait claim-idle.
        List<StreamMessage> read = runtime.streams().read(consumer.group(), name, consumer.streams(),
                settings.batchSize(), settings.block());
        processAll(read);
        if (!read.isEmpty() && read.size() < settings.batchSize()) {
            // A trickle: let a few more arrive, so the next read is a run instead of one event.
            loop.pause(settings.linger());
        }
    }

    /**
     * Handles what one read returned with one transaction per tenant instead of one per entry (a busy stream's
     * cost was mostly commits and round trips), and one {@code XACK} per stream after them. An entry carries one or
     * more events (docs/adr/0024); a tenant's events keep their order; different tenants' are independent. If any
     * handler of a tenant's run fails, the run is rolled back whole and its events are handled one by one, so one bad
     * event holds back no other; the entry of an event that still failed stays pending and comes back after
     * {@code claim-idle}, when its other events are recognised as done. An entry that cannot be read is parked.
     */
    private void processAll(List<StreamMessage> messages) {
        Acks acks = new Acks();
        Map<Optional<TenantId>, List<Decoded>> runs = new LinkedHashMap<>();
        for (StreamMessage message : messages) {
            EnvelopeCodec.Entry entry;
            try {
                entry = runtime.codec().decode(message.fields(), consumer::handles);
            } catch (MalformedEventException e) {
                park(message, e.getMessage());
                continue;
            }
            acks.skipped(entry.skipped());
            if (entry.events().isEmpty()) {
                acks.add(message);
                continue;
            }
            Progress progress = new Progress(message, entry.events().size());
            for (EventEnvelope event : entry.events()) {
                runs.computeIfAbsent(event.tenant(), tenant -> new ArrayList<>()).add(new Decoded(progress, event));
            }
        }
        try {
            runs.forEach((tenant, run) -> handleRun(tenant.orElse(null), run, acks));
        } finally {
            acks.send();
        }
    }

    private void handleRun(TenantId tenant, List<Decoded> run, Acks acks) {
        if (run.size() == 1) {
            handleOne(run.getFirst(), acks);
            return;
        }
        List<EventHandling.Outcome> outcomes;
        try {
            outcomes = runtime.handling().handleAllOnce(consumer, tenant, run.stream().map(Decoded::event).toList());
        } catch (CannotCreateTransactionException | DataAccessResourceFailureException e) {
            throw new DatabaseUnavailableException(e);
        } catch (RuntimeException e) {
            log.debug("{}: a batch of {} events failed ({}); handling them one by one", consumer, run.size(),
                    e.toString());
            run.forEach(decoded -> handleOne(decoded, acks));
            return;
        }
        for (int i = 0; i < run.size(); i++) {
            acks.done(run.get(i), outcomes.get(i));
        }
    }

    private void handleOne(Decoded decoded, Acks acks) {
        EventEnvelope event = decoded.event();
        EventHandling.Outcome outcome;
        try {
            outcome = runtime.handling().handleOnce(consumer, event);
        } catch (CannotCreateTransactionException | DataAccessResourceFailureException e) {
            // Not the handler's fault: stop reading until the database is back, instead of burning deliveries.
            throw new DatabaseUnavailableException(e);
        } catch (RuntimeException e) {
            decoded.progress().failed = true;
            runtime.metrics().consumed(consumer.group(), Outcome.FAILED);
            log.warn("{} failed to handle event {} ({}, entry {}); it stays pending and is retried after {}",
                    consumer, event.id(), event.type(), decoded.progress().message.id(), settings.claimIdle(), e);
            return;
        }
        acks.done(decoded, outcome);
    }

    /** An entry being handled: how many of its events are not done yet, and whether one of them failed. */
    private static final class Progress {
        private final StreamMessage message;
        private int left;
        private boolean failed;

        Progress(StreamMessage message, int events) {
            this.message = message;
            this.left = events;
        }
    }

    private record Decoded(Progress progress, EventEnvelope event) {
    }

    /**
     * Entries done in this batch, acknowledged together per stream, and their events' outcomes, counted once the
     * entries are acknowledged. An entry is done when every event of it is handled or skipped.
     */
    private final class Acks {
        private final Map<String, List<StreamEntryID>> ids = new LinkedHashMap<>();
        private final List<Outcome> outcomes = new ArrayList<>();

        void add(StreamMessage message) {
            ids.computeIfAbsent(message.stream(), stream -> new ArrayList<>()).add(message.id());
        }

        void skipped(int events) {
            for (int i = 0; i < events; i++) {
                outcomes.add(Outcome.SKIPPED);
            }
        }

        void done(Decoded decoded, EventHandling.Outcome outcome) {
            outcomes.add(outcome == EventHandling.Outcome.HANDLED ? Outcome.HANDLED : Outcome.DUPLICATE);
            Progress progress = decoded.progress();
            if (--progress.left == 0 && !progress.failed) {
                add(progress.message);
            }
        }

        void send() {
            ids.forEach((stream, entries) -> runtime.streams().ack(stream, consumer.group(), entries));
            outcomes.forEach(outcome -> runtime.metrics().consumed(consumer.group(), outcome));
        }
    }

    private void reclaimIfDue(Loop loop) {
        Instant now = Instant.now();
        if (now.isBefore(nextReclaim)) {
            return;
        }
        nextReclaim = now.plus(settings.claimIdle().dividedBy(2));
        for (String stream : consumer.streams()) {
            StreamEntryID cursor = START;
            ClaimedPage page;
            do {
                page = runtime.streams().claimIdle(stream, consumer.group(), name, settings.claimIdle(), cursor,
                        settings.batchSize());
                page.messages().forEach(this::retry);
                cursor = page.next();
            } while (!page.last() && loop.running());
        }
    }

    private void retry(StreamMessage message) {
        long deliveries = runtime.streams().deliveries(message.stream(), consumer.group(), message.id());
        if (deliveries > settings.maxDeliveries()) {
            park(message, "not handled in " + settings.maxDeliveries() + " deliveries");
            return;
        }
        log.debug("{} retrying entry {} of {} (delivery {})", consumer, message.id(), message.stream(), deliveries);
        processAll(List.of(message));
    }

    private void park(StreamMessage message, String reason) {
        runtime.streams().deadLetter(message, consumer.group(), name, reason);
        runtime.streams().ack(message, consumer.group());
        runtime.metrics().consumed(consumer.group(), Outcome.DEAD_LETTERED);
        Map<String, String> fields = message.fields();
        String events = fields.containsKey(EnvelopeCodec.EVENTS)
                ? fields.getOrDefault(EnvelopeCodec.COUNT, "?") + " events"
                : "event " + fields.getOrDefault(EnvelopeCodec.ID, "?");
        log.error("{} parked entry {} of {} ({}) in {}{}: {}", consumer, message.id(), message.stream(), events,
                message.stream(), EventStreams.DEAD_LETTER_SUFFIX, reason);
    }

    private static final class DatabaseUnavailableException extends RuntimeException {
        DatabaseUnavailableException(RuntimeException cause) {
            super(cause);
        }
    }
}
