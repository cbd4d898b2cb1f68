package io.jifen.points.plugin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One circuit breaker per tenant and channel: after {@code failures} failed calls in a row the channel is off for
 * that tenant during {@code openFor}; then calls go through again, and the next failure switches it off at once
 * while a success closes it. Other tenants of the same channel keep their own count. Kept in memory per instance:
 * a breaker is about protecting this instance's threads, and it forgets on restart.
 */
final class ChannelBreakers {

    private final int failures;
    private final Duration openFor;
    private final Clock clock;
    private final Map<Key, State> states = new ConcurrentHashMap<>();

    ChannelBreakers(int failures, Duration openFor, Clock clock) {
        this.failures = failures;
        this.openFor = openFor;
        this.clock = clock;
    }

    record Key(UUID tenantId, String channelId) {
    }

    private record State(int failures, Instant openUntil) {
    }

    boolean allows(Key key) {
        State state = states.get(key);
        return state == null || state.openUntil() == null || !clock.instant().isBefore(state.openUntil());
    }

    void succeeded(Key key) {
        states.remove(key);
    }

    void failed(Key key) {
        states.compute(key, (k, state) -> {
            int count = state == null ? 1 : state.failures() + 1;
            return new State(count, count >= failures ? clock.instant().plus(openFor) : null);
        });
    }
}
