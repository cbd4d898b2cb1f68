package io.jifen.plugin.api;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a channel may know about, and do with, the host: the tenant it works for, that tenant's config for
 * this channel, a clock in the tenant's time zone, a logger, and a small key-value store scoped to tenant and
 * plugin (e.g. for streaks). Nothing else of the host is reachable from a plugin.
 */
public interface ChannelContext {

    String tenantId();

    Map<String, Object> config();

    /** The tenant's clock: {@code LocalDate.now(context.clock())} is "today" for the tenant's members. */
    Clock clock();

    ChannelLogger logger();

    KeyValueStore store();

    interface ChannelLogger {
        void info(String message);

        void warn(String message);
    }

    /** A small store for channel state. Keys and values are short strings; the host enforces size limits. */
    interface KeyValueStore {
        Optional<String> get(String key);

        void put(String key, String value);

        /** Sets {@code key} only if it holds {@code expected} (empty = absent); true when it did. */
        boolean compareAndSet(String key, Optional<String> expected, String value);
    }
}
