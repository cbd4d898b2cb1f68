package io.jifen.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LocalBucketsTest {

    // One token a day: nothing refills while the test runs, so the outcome does not depend on timing.
    private static final Limit SLOW = new Limit(1.0 / 86_400, 3);

    @Test
    void shouldAdmitABurstThenLimitWithARetryTime() {
        LocalBuckets buckets = new LocalBuckets();

        assertThat(buckets.take("a", SLOW).outcome()).isEqualTo(Decision.Outcome.ADMITTED);
        assertThat(buckets.take("a", SLOW).outcome()).isEqualTo(Decision.Outcome.ADMITTED);
        Decision third = buckets.take("a", SLOW);
        assertThat(third.outcome()).isEqualTo(Decision.Outcome.ADMITTED);
        assertThat(third.remaining()).isZero();

        Decision limited = buckets.take("a", SLOW);
        assertThat(limited.outcome()).isEqualTo(Decision.Outcome.LIMITED);
        assertThat(limited.retryAfterSeconds()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void shouldKeepEachCallersBucketSeparate() {
        LocalBuckets buckets = new LocalBuckets();
        for (int i = 0; i < 3; i++) {
            buckets.take("busy", SLOW);
        }

        assertThat(buckets.take("busy", SLOW).outcome()).isEqualTo(Decision.Outcome.LIMITED);
        assertThat(buckets.take("quiet", SLOW).outcome()).isEqualTo(Decision.Outcome.ADMITTED);
    }
}
