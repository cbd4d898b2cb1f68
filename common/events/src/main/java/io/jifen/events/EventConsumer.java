package io.jifen.events;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A consumer group: what a service subclasses (and registers as a bean) to react to other services' events. The
 * library runs it on its own thread: it reads the named streams as this group, and for each entry of a handled type
 * calls {@link #handle} in a database transaction that first records the event in {@code processed_event}, so an
 * event delivered twice has its effect once. Entries of other types are acknowledged and skipped.
 * <p>
 * The group name identifies the consumer across instances and restarts (every instance of the service shares the
 * work of its groups); it must be unique within the service and must not change, or the group starts over.
 */
public abstract class EventConsumer {

    private static final Pattern GROUP = Pattern.compile("[a-z0-9][a-z0-9.-]{0,99}");

    private final String group;
    private final List<String> streams;
    private final Set<String> types;

    /**
     * @param group   the consumer group, e.g. {@code points.member-events}
     * @param streams the streams to read, e.g. {@code List.of(EventConsumer.streamOf("member-service"))}
     * @param types   the event types {@link #handle} is called for, e.g. {@code Set.of("member.registered")}
     */
    protected EventConsumer(String group, List<String> streams, Set<String> types) {
        if (group == null || !GROUP.matcher(group).matches()) {
            throw new IllegalArgumentException("A consumer group is 1-100 characters of [a-z0-9.-], not '"
                    + group + "'");
        }
        if (streams == null || streams.isEmpty() || types == null || types.isEmpty()) {
            throw new IllegalArgumentException("Consumer group " + group + " must name its streams and event types");
        }
        this.group = group;
        this.streams = streams.stream().distinct().toList();
        this.types = Set.copyOf(types);
    }

    /** The stream a service publishes to by default: {@code jifen:events:<spring.application.name>}. */
    public static String streamOf(String service) {
        Objects.requireNonNull(service, "service");
        return "jifen:events:" + service;
    }

    public final String group() {
        return group;
    }

    public final List<String> streams() {
        return streams;
    }

    public final Set<String> types() {
        return types;
    }

    public final boolean handles(String type) {
        return types.contains(type);
    }

    /**
     * Whether this group's handlers apply an event delivered twice once by themselves, their effect keyed by
     * something the event names (an order id, say) rather than by its id. Then the library claims nothing in
     * {@code processed_event} for it: a row per event that would only repeat what the handler's own key already
     * guarantees. Every event read is then counted as handled. Default: false, events are claimed.
     */
    protected boolean idempotentByItself() {
        return false;
    }

    final boolean claimsEvents() {
        return !idempotentByItself();
    }

    /**
     * Applies one event. Runs in a transaction begun inside the event's tenant ({@code TenantContext} is set, so
     * tenant-scoped repositories work; it is empty for a global event). Throwing rolls everything back, the
     * {@code processed_event} row included, and leaves the entry pending: it is retried after
     * {@code jifen.events.consumer.claim-idle}, and parked in the dead-letter stream once its deliveries run out.
     */
    protected abstract void handle(EventEnvelope event);

    /**
     * Applies a run of one tenant's events, read together and each claimed already, in one transaction: by default
     * {@link #handle} on each in order, with {@code flush} after each so that what a handler wrote through JPA is
     * visible to the next one's SQL. Override it when a run can be applied in fewer statements than one per event;
     * the effect must equal {@link #handle} on each in order. Throwing rolls the whole run back, and its events are
     * then handled one by one through {@link #handle}.
     */
    protected void handleAll(List<EventEnvelope> events, Runnable flush) {
        for (EventEnvelope event : events) {
            handle(event);
            flush.run();
        }
    }

    @Override
    public String toString() {
        return "consumer group " + group;
    }
}
