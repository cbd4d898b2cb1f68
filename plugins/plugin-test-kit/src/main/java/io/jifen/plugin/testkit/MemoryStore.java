package io.jifen.plugin.testkit;

import io.jifen.plugin.api.ChannelContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The channel's state for one call, as the host keeps it: reads see the committed state plus this call's own
 * writes, and the writes are committed only when the call awards something (the host applies them with the ledger
 * entries; a rejection or a failure leaves the state as it was).
 */
final class MemoryStore implements ChannelContext.KeyValueStore {

    private final Map<String, String> committed;
    private final Map<String, String> writes = new HashMap<>();

    MemoryStore(Map<String, String> committed) {
        this.committed = committed;
    }

    @Override
    public synchronized Optional<String> get(String key) {
        return Optional.ofNullable(writes.containsKey(key) ? writes.get(key) : committed.get(key));
    }

    @Override
    public synchronized void put(String key, String value) {
        writes.put(key, value);
    }

    @Override
    public synchronized boolean compareAndSet(String key, Optional<String> expected, String value) {
        if (!get(key).equals(expected)) {
            return false;
        }
        writes.put(key, value);
        return true;
    }

    synchronized void commit() {
        committed.putAll(writes);
    }
}
