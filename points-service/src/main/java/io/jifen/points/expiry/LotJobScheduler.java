package io.jifen.points.expiry;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs the lot jobs on every instance; they share the work safely (rows are claimed with {@code SKIP LOCKED}), so
 * no leader election is needed. A failed run is logged and the next one resumes where it stopped.
 */
class LotJobScheduler {

    private static final Logger log = LoggerFactory.getLogger(LotJobScheduler.class);

    private final LotJobs jobs;
    private final Clock clock;

    LotJobScheduler(LotJobs jobs, Clock clock) {
        this.jobs = jobs;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${jifen.points.jobs.interval:PT1M}",
            initialDelayString = "${jifen.points.jobs.interval:PT1M}")
    void run() {
        try {
            long activated = jobs.activatePending(clock.instant());
            long expired = jobs.expireDue(clock.instant());
            long noticed = jobs.noticeExpiring(clock.instant());
            if (activated + expired + noticed > 0) {
                log.info("Lot jobs: {} points activated, {} expired, {} lots noticed", activated, expired, noticed);
            }
        } catch (RuntimeException e) {
            log.error("Lot jobs failed; the next run resumes", e);
        }
    }
}
