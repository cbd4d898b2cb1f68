package io.jifen.points.idempotency;

import io.jifen.tenancy.AllTenants;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Forgets the {@code Idempotency-Key}s of every tenant that were first used longer than the retention ago
 * ({@code jifen.points.idempotency.retention}, 30 days by default), so the table holds a month of calls rather than
 * every call ever made. A client retrying with a forgotten key is a new request: a purchase is still recorded once
 * (its order id is unique), but a redemption or an adjustment would happen again, so the retention must outlast any
 * client's retries. Deletes in bounded rounds, so one run never holds locks on millions of rows.
 */
@Component
public class IdempotencyKeyPruning {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyPruning.class);
    private static final int BOUND = 10_000;
    private static final String DELETE_OLDEST = """
            delete from idempotency_key where ctid = any(array(
                select ctid from idempotency_key where created_at < ? limit %d))""".formatted(BOUND);

    private final JdbcTemplate jdbc;
    private final Duration retention;

    IdempotencyKeyPruning(JdbcTemplate jdbc, @Value("${jifen.points.idempotency.retention:P30D}") Duration retention) {
        if (retention.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("jifen.points.idempotency.retention must be at least a day (a client "
                    + "retrying after it would move points again), not " + retention);
        }
        this.jdbc = jdbc;
        this.retention = retention;
    }

    /**
     * Hourly on every instance (deleting the same old rows twice is harmless), when the service's jobs are on:
     * {@code jifen.points.jobs.enabled} switches scheduling on or off for all of them (ExpiryConfiguration).
     */
    @Scheduled(fixedDelayString = "${jifen.points.idempotency.prune-interval:PT1H}",
            initialDelayString = "${jifen.points.idempotency.prune-interval:PT1H}")
    void run() {
        try {
            prune(Instant.now());
        } catch (RuntimeException e) {
            log.error("Pruning old Idempotency-Keys failed; the next run tries again", e);
        }
    }

    /** Deletes the keys of every tenant first used before {@code now} minus the retention; returns how many. */
    public int prune(Instant now) {
        Timestamp cutoff = Timestamp.from(now.minus(retention));
        int total = AllTenants.call(() -> {
            int deleted = 0;
            int round;
            do {
                round = jdbc.update(DELETE_OLDEST, cutoff);
                deleted += round;
            } while (round == BOUND);
            return deleted;
        });
        if (total > 0) {
            log.info("Forgot {} Idempotency-Keys first used more than {} ago", total, retention);
        }
        return total;
    }
}
