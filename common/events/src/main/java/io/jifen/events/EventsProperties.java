package io.jifen.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code jifen.events.*}.
 *
 * @param stream   the stream this service publishes to; default {@code jifen:events:<spring.application.name>}
 * @param relay    the outbox relay
 * @param consumer every consumer group this service runs
 */
@ConfigurationProperties("jifen.events")
public record EventsProperties(String stream, @DefaultValue Relay relay, @DefaultValue Consumer consumer) {

    /** The stream key a producing service publishes to, unless {@code jifen.events.stream} names another. */
    public String streamFor(String applicationName) {
        return stream == null || stream.isBlank() ? EventConsumer.streamOf(applicationName) : stream;
    }

    /**
     * @param enabled       whether this instance relays its outbox (default true; any number of instances may)
     * @param pollInterval  how often the outbox is polled when no local commit wakes the relay (default 150ms)
     * @param batchSize     events published per transaction (default 1000): whole outbox rows, as many as start below
     *                      this count, and at least one however many events it carries. Every step first walks past
     *                      the rows sent moments ago (their index entries stay until no transaction can see them), so
     *                      under a burst fewer, larger steps cost less: 100 a step cost three times the CPU per row
     * @param maxBackoff    the longest wait between retries while Redis or the database is down (default 10s)
     * @param maxLen        the approximate length ({@code MAXLEN ~}) a stream is trimmed to, in entries; 0 never
     *                      trims (default 20,000: an entry is one outbox row, a transaction's events or up to 100 of
     *                      them (docs/adr/0024), so about a million events under load, hours to days of them, and a
     *                      consumer down for a while misses nothing; at most 2,000,000 events, bounding memory)
     * @param retention     how long sent rows stay in the outbox, for inspection and replay (default 7d)
     * @param linger        how long a woken relay waits before it publishes (default 100ms; 0: at once), so the
     *                      commits of that moment go in one batch: under load one relay step per commit would cost
     *                      three statements and a Redis round trip for every event or two (docs/adr/0013)
     */
    public record Relay(@DefaultValue("true") boolean enabled, @DefaultValue("150ms") Duration pollInterval,
            @DefaultValue("1000") int batchSize, @DefaultValue("10s") Duration maxBackoff,
            @DefaultValue("20000") long maxLen, @DefaultValue("7d") Duration retention,
            @DefaultValue("100ms") Duration linger) {

        public Relay {
            requireNotNegative("jifen.events.relay.linger", linger);
            requirePositive("jifen.events.relay.poll-interval", pollInterval);
            requirePositive("jifen.events.relay.max-backoff", maxBackoff);
            requirePositive("jifen.events.relay.retention", retention);
            requirePositive("jifen.events.relay.batch-size", batchSize);
            if (maxLen < 0) {
                throw new IllegalArgumentException("jifen.events.relay.max-len must be 0 (no trimming) or more");
            }
        }
    }

    /**
     * @param block         how long one {@code XREADGROUP} waits for new entries (default 1s; also bounds how
     *                      long a consumer takes to notice shutdown)
     * @param batchSize     entries read per {@code XREADGROUP} / {@code XAUTOCLAIM} (default 20; an entry carries one
     *                      outbox row's events, up to 100, so a read under load is about a thousand events); a read's
     *                      events are handled in one transaction per tenant, so under a burst larger reads cost less
     * @param claimIdle     how long an entry stays pending (its consumer died, or its handler failed) before
     *                      another consumer of the group claims it and retries (default 30s)
     * @param maxDeliveries deliveries after which a still-failing entry is parked in {@code <stream>:dlq}
     *                      (default 10)
     * @param maxBackoff    the longest wait between retries while Redis or the database is down (default 10s)
     * @param linger        how long a consumer waits after a read that found fewer entries than a batch before it
     *                      reads again (default 100ms; 0: at once), so a steady trickle is handled in runs of
     *                      several events (one transaction and one acknowledgement each) instead of one at a time
     */
    public record Consumer(@DefaultValue("1s") Duration block, @DefaultValue("20") int batchSize,
            @DefaultValue("30s") Duration claimIdle, @DefaultValue("10") int maxDeliveries,
            @DefaultValue("10s") Duration maxBackoff, @DefaultValue("100ms") Duration linger) {

        public Consumer {
            requireNotNegative("jifen.events.consumer.linger", linger);
            requirePositive("jifen.events.consumer.block", block);
            requirePositive("jifen.events.consumer.claim-idle", claimIdle);
            requirePositive("jifen.events.consumer.max-backoff", maxBackoff);
            requirePositive("jifen.events.consumer.batch-size", batchSize);
            requirePositive("jifen.events.consumer.max-deliveries", maxDeliveries);
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, not " + value);
        }
    }

    private static void requireNotNegative(String name, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be zero or a positive duration, not " + value);
        }
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, not " + value);
        }
    }
}
