package io.jifen.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jifen.events.testapp.EffectCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamGroupInfo;

/** At-least-once delivery meets exactly-once effect: a relay that dies mid-batch publishes twice, harmlessly. */
class RelayCrashIT extends EventsIntegrationTest {

    @Autowired
    OutboxRelay relay;

    @Autowired
    EventStreams streams;

    @Autowired
    EventsMetrics metrics;

    @Autowired
    DataSource dataSource;

    @Autowired
    MeterRegistry meters;

    @Test
    void shouldApplyTheEffectOnceWhenARelayDiesBetweenPublishingAndMarkingSent() {
        double duplicatesBefore = duplicates();
        UUID event;
        relay.stop();
        try {
            event = appendCommitted(EffectCounter.COUNTED, null, Map.of("n", 1));

            assertThatThrownBy(dyingRelay()::publishBatch).hasMessageContaining("killed");
            assertThat(entriesOf(STREAM, event)).hasSize(1);
            assertThat(outboxRow(event).sent()).isFalse();
            eventually().until(() -> effectOf(event) == 1);
        } finally {
            relay.start();
        }

        eventually().until(() -> outboxRow(event).sent());
        List<StreamEntry> entries = entriesOf(STREAM, event);
        assertThat(entries).hasSize(2);
        StreamEntryID duplicate = entries.get(1).getID();
        eventually().untilAsserted(() -> {
            StreamGroupInfo group = group(EffectCounter.GROUP);
            assertThat(group.getLastDeliveredId()).isGreaterThanOrEqualTo(duplicate);
            assertThat(group.getPending()).isZero();
        });
        assertThat(effectOf(event)).isEqualTo(1);
        assertThat(duplicates()).isEqualTo(duplicatesBefore + 1);
        assertThat(jdbc.queryForObject("select count(*) from processed_event where consumer = ? and event_id = ?",
                Long.class, EffectCounter.GROUP, event)).isEqualTo(1);
    }

    /** Publishes like the real relay, then dies before its transaction can mark anything sent. */
    private OutboxPublisher dyingRelay() {
        return new OutboxPublisher(new JdbcTemplate(dataSource),
                new TransactionTemplate(new JdbcTransactionManager(dataSource)), streams, STREAM, 100, metrics) {
            @Override
            protected void markSent(List<UUID> ids) {
                throw new IllegalStateException("relay killed after XADD, before marking " + ids + " sent");
            }
        };
    }

    private static StreamGroupInfo group(String name) {
        return REDIS.xinfoGroups(STREAM).stream().filter(group -> group.getName().equals(name)).findFirst()
                .orElseThrow();
    }

    private double duplicates() {
        var counter = meters.find("jifen.events.consumed").tags("group", EffectCounter.GROUP, "outcome", "duplicate")
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
