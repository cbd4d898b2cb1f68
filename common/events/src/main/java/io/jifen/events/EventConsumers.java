package io.jifen.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** Starts a {@link ConsumerWorker} for every {@link EventConsumer} bean, and stops them all gracefully. */
class EventConsumers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventConsumers.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private final List<EventConsumer> consumers;
    private final ConsumerRuntime runtime;
    private final String instanceName;
    private final List<ConsumerWorker> workers = new ArrayList<>();

    EventConsumers(List<EventConsumer> consumers, ConsumerRuntime runtime, String instanceName) {
        requireDistinctGroups(consumers);
        this.consumers = List.copyOf(consumers);
        this.runtime = runtime;
        this.instanceName = instanceName;
    }

    /** A worker for {@code consumer} as group member {@code name}; not started. */
    ConsumerWorker worker(EventConsumer consumer, String name) {
        return new ConsumerWorker(consumer, name, runtime);
    }

    @Override
    public synchronized void start() {
        if (!workers.isEmpty()) {
            return;
        }
        for (EventConsumer consumer : consumers) {
            ConsumerWorker worker = worker(consumer, instanceName);
            worker.start();
            workers.add(worker);
            log.info("Consuming {} of {} as {} in {}", consumer.types(), consumer.streams(), instanceName, consumer);
        }
    }

    @Override
    public synchronized void stop() {
        // Signal all first, so they wind down in parallel rather than one block timeout after another.
        workers.forEach(ConsumerWorker::signalStop);
        workers.forEach(worker -> worker.awaitStopped(STOP_TIMEOUT));
        workers.clear();
    }

    @Override
    public synchronized boolean isRunning() {
        return !workers.isEmpty();
    }

    @Override
    public int getPhase() {
        return EventsAutoConfiguration.PHASE;
    }

    String instanceName() {
        return instanceName;
    }

    private static void requireDistinctGroups(List<EventConsumer> consumers) {
        Set<String> groups = new HashSet<>();
        for (EventConsumer consumer : consumers) {
            // Two consumers in one group would split its entries between them, each acknowledging the other's.
            if (!groups.add(consumer.group())) {
                throw new IllegalStateException("Two EventConsumer beans share the group '" + consumer.group()
                        + "'; every consumer needs a group of its own");
            }
        }
    }
}
