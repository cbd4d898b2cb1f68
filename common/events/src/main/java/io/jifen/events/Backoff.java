package io.jifen.events;

import java.time.Duration;

/** Exponential backoff between retries against an unreachable server: initial, doubled each time, capped. */
final class Backoff {

    private final Duration initial;
    private final Duration max;
    private Duration next;

    Backoff(Duration initial, Duration max) {
        this.initial = initial.compareTo(max) > 0 ? max : initial;
        this.max = max;
        this.next = this.initial;
    }

    Duration next() {
        Duration current = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return current;
    }

    void reset() {
        next = initial;
    }
}
