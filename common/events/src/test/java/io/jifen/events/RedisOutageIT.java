package io.jifen.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.jifen.events.testapp.EffectCounter;
import io.jifen.testsupport.TestInfra;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Redis going away costs latency, never events, and never fails the service's own transactions. */
@ExtendWith(OutputCaptureExtension.class)
class RedisOutageIT extends EventsIntegrationTest {

    @Test
    void shouldKeepEventsInTheOutboxWhileRedisIsDownAndDeliverThemWhenItReturns(CapturedOutput output) {
        int port = redis.port();
        UUID first;
        UUID second;
        redis.stop();
        try {
            first = appendCommitted(EffectCounter.COUNTED, null, Map.of("n", 1));
            second = appendCommitted(EffectCounter.COUNTED, null, Map.of("n", 2));

            eventually().untilAsserted(() -> {
                OutboxRow row = outboxRow(first);
                assertThat(row.sent()).isFalse();
                assertThat(row.attempts()).isGreaterThanOrEqualTo(3);
                assertThat(row.lastError()).contains("Jedis");
            });
            assertThat(outboxRow(second).sent()).isFalse();
            assertThat(output.getOut().lines().filter(line -> line.contains("Redis (outbox relay) unreachable")))
                    .as("one warning per outage, not per attempt").hasSize(1);
        } finally {
            redis = TestInfra.startRedis(port);
        }

        eventually().until(() -> effectOf(first) == 1 && effectOf(second) == 1);
        assertThat(outboxRow(first).sent()).isTrue();
        assertThat(outboxRow(second).sent()).isTrue();
        assertThat(output.getOut()).contains("Redis (outbox relay) reachable again");
    }
}
