package io.jifen.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;

/**
 * The library's meters: {@code jifen.events.published} (per stream), {@code jifen.events.consumed} (per group and
 * outcome) and the gauge {@code jifen.events.outbox.backlog} (unsent events; alert when it only grows).
 */
final class EventsMetrics {

    private final MeterRegistry registry;

    EventsMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void published(String stream, int count) {
        if (count > 0) {
            Counter.builder("jifen.events.published").description("Outbox events published to a stream")
                    .tag("stream", stream).register(registry).increment(count);
        }
    }

    void consumed(String group, Outcome outcome) {
        Counter.builder("jifen.events.consumed").description("Stream entries a consumer group dealt with")
                .tag("group", group).tag("outcome", outcome.tag).register(registry).increment();
    }

    /** Registers the backlog gauge; {@code unsent} is queried at each scrape, not on the relay's hot path. */
    void backlog(Supplier<Number> unsent) {
        Gauge.builder("jifen.events.outbox.backlog", unsent).description("Outbox events not yet published")
                .strongReference(true).register(registry);
    }

    enum Outcome {
        HANDLED("handled"), DUPLICATE("duplicate"), SKIPPED("skipped"), FAILED("failed"),
        DEAD_LETTERED("dead_lettered");

        private final String tag;

        Outcome(String tag) {
            this.tag = tag;
        }
    }
}
