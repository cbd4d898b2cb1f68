package io.jifen.events.testapp;

import io.jifen.events.EventConsumer;
import io.jifen.events.EventEnvelope;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Applies an effect per event: one more in {@code effect.applied}. {@code test.flaky} fails its first
 * {@code failures} attempts and {@code test.poisoned} every attempt, each after applying the effect, which the
 * rollback must undo.
 */
public class EffectCounter extends EventConsumer {

    public static final String GROUP = "effect-counter";
    public static final String COUNTED = "test.counted";
    public static final String FLAKY = "test.flaky";
    public static final String POISONED = "test.poisoned";

    private final JdbcTemplate jdbc;
    private final Map<UUID, AtomicInteger> attempts = new ConcurrentHashMap<>();

    public EffectCounter(JdbcTemplate jdbc, String group, List<String> streams) {
        super(group, streams, Set.of(COUNTED, FLAKY, POISONED));
        this.jdbc = jdbc;
    }

    @Override
    protected void handle(EventEnvelope event) {
        int attempt = attempts.computeIfAbsent(event.id(), id -> new AtomicInteger()).incrementAndGet();
        jdbc.update("""
                insert into effect (event_id, applied) values (?, 1)
                on conflict (event_id) do update set applied = effect.applied + 1""", event.id());
        if (event.type().equals(POISONED)
                || event.type().equals(FLAKY) && attempt <= event.payload().get("failures").asInt()) {
            throw new IllegalStateException("Attempt " + attempt + " at " + event.type() + " fails on purpose");
        }
    }

    public int attempts(UUID event) {
        AtomicInteger count = attempts.get(event);
        return count == null ? 0 : count.get();
    }
}
