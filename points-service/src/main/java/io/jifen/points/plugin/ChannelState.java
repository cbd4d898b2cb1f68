package io.jifen.points.plugin;

import io.jifen.plugin.api.ChannelContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The key-value store one call of a channel sees. Reads come from {@code reader} (the host answers them in its own
 * transaction, under the member's account lock); writes are only collected, and the host applies them with the
 * ledger entries, compare-and-sets re-checked against the database, so state and points commit together or not
 * at all. Closed when the host stops waiting: a late write from a call that timed out goes nowhere.
 */
final class ChannelState implements ChannelContext.KeyValueStore {

    static final int MAX_KEY = 200;
    static final int MAX_VALUE = 4000;
    static final int MAX_WRITES = 50;

    private final Function<String, Optional<String>> reader;
    private final Map<String, Optional<String>> read = new HashMap<>();
    private final Map<String, Write> writes = new LinkedHashMap<>();
    private boolean closed;

    ChannelState(Function<String, Optional<String>> reader) {
        this.reader = reader;
    }

    /**
     * One write to apply: {@code expected} is null for a plain put, else the value (empty = absent) the key must
     * still hold in the database.
     */
    record Write(String key, String value, Optional<String> expected) {
    }

    @Override
    public synchronized Optional<String> get(String key) {
        open(key);
        Write written = writes.get(key);
        if (written != null) {
            return Optional.of(written.value());
        }
        return read.computeIfAbsent(key, reader);
    }

    @Override
    public synchronized void put(String key, String value) {
        record(key, value, null);
    }

    @Override
    public synchronized boolean compareAndSet(String key, Optional<String> expected, String value) {
        Objects.requireNonNull(expected, "expected");
        if (!get(key).equals(expected)) {
            return false;
        }
        Write earlier = writes.get(key);
        // What the database must hold at commit is what this call first saw there, not its own earlier write.
        record(key, value, earlier != null ? earlier.expected() : read.get(key));
        return true;
    }

    /** Stops the call's access and hands over what it wrote. */
    synchronized List<Write> close() {
        closed = true;
        return new ArrayList<>(writes.values());
    }

    private void record(String key, String value, Optional<String> expected) {
        open(key);
        if (value == null || value.length() > MAX_VALUE) {
            throw new IllegalArgumentException("A value is 0-" + MAX_VALUE + " characters");
        }
        if (!writes.containsKey(key) && writes.size() >= MAX_WRITES) {
            throw new IllegalArgumentException("At most " + MAX_WRITES + " keys are written per event");
        }
        Write earlier = writes.get(key);
        Optional<String> condition = expected != null ? expected : earlier != null ? earlier.expected() : null;
        writes.put(key, new Write(key, value, condition));
    }

    private void open(String key) {
        if (closed) {
            throw new IllegalStateException("This call is over; its store is closed");
        }
        if (key == null || key.isEmpty() || key.length() > MAX_KEY) {
            throw new IllegalArgumentException("A key is 1-" + MAX_KEY + " characters");
        }
    }
}
