package io.jifen.plugin.testkit;

import io.jifen.plugin.api.ChannelContext;
import java.util.Map;
import java.util.Optional;

/** The channel's state kept in memory, with the same compare-and-set semantics as the host's store. */
final class MemoryStore implements ChannelContext.KeyValueStore {

    private final Map<String, String> values;

    MemoryStore(Map<String, String> values) {
        this.values = values;
    }

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    @Override
    public void put(String key, String value) {
        values.put(key, value);
    }

    @Override
    public synchronized boolean compareAndSet(String key, Optional<String> expected, String value) {
        if (expected.isEmpty()) {
            return values.putIfAbsent(key, value) == null;
        }
        return values.replace(key, expected.get(), value);
    }
}
