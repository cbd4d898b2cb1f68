package io.jifen.events;

import org.slf4j.Logger;

/**
 * Logs an outage of a server once when it starts and once when it ends, instead of once per failed attempt (the
 * relay retries every few hundred milliseconds, and a log line per row would bury everything else).
 */
final class Outage {

    private final Logger log;
    private final String what;
    private final String consequence;
    private int failures;

    /**
     * @param what        e.g. "Redis (relay)"
     * @param consequence what happens meanwhile, e.g. "events stay in the outbox"
     */
    Outage(Logger log, String what, String consequence) {
        this.log = log;
        this.what = what;
        this.consequence = consequence;
    }

    /** Records a failed attempt; returns whether it began a new outage (and so was logged). */
    boolean failed(Exception cause) {
        failures++;
        if (failures == 1) {
            log.warn("{} unreachable ({}); retrying with backoff, and meanwhile {}", what, cause.toString(),
                    consequence);
            log.debug("{} failure", what, cause);
            return true;
        }
        return false;
    }

    /** Records a success; logs the end of an outage if there was one. */
    void succeeded() {
        if (failures > 0) {
            log.info("{} reachable again after {} failed attempts", what, failures);
            failures = 0;
        }
    }

    boolean ongoing() {
        return failures > 0;
    }
}
