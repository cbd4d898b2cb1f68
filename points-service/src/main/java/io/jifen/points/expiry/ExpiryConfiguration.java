package io.jifen.points.expiry;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The clock the ledger and the lot jobs read "now" from, and the jobs' schedule (off with jobs.enabled=false): the lot
 * jobs and every other {@code @Scheduled} method of the service (the pruning of old Idempotency-Keys).
 */
@Configuration(proxyBeanMethods = false)
class ExpiryConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    @ConditionalOnProperty(name = "jifen.points.jobs.enabled", havingValue = "true", matchIfMissing = true)
    static class Scheduling {

        @Bean
        LotJobScheduler lotJobScheduler(LotJobs jobs, Clock clock) {
            return new LotJobScheduler(jobs, clock);
        }
    }
}
