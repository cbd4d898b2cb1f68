package io.jifen.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.jifen.events.testapp.EffectCounter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;

/** Consumer groups: dead members' entries are reclaimed, failed handlers retried, hopeless entries parked. */
class ConsumerIT extends EventsIntegrationTest {

    @Autowired
    EffectCounter effectCounter;

    @Test
    void shouldReclaimAndProcessAnEntryADeadConsumerReadButNeverAcknowledged() {
        String group = "reclaimer";
        String stream = newStream(group);
        EventEnvelope event = counted(null, 1);
        publish(stream, event);
        var read = REDIS.xreadGroup(group, "dead-consumer", XReadGroupParams.xReadGroupParams().count(10),
                Map.of(stream, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
        assertThat(read.getFirst().getValue()).hasSize(1);

        consumeUntil(new EffectCounter(jdbc, group, List.of(stream)),
                () -> effectOf(event.id()) == 1 && REDIS.xpending(stream, group).getTotal() == 0);
        assertThat(effectOf(event.id())).isEqualTo(1);
    }

    @Test
    void shouldRetryAFailingHandlerAndApplyItsEffectOnceItSucceeds() {
        UUID event = appendCommitted(EffectCounter.FLAKY, null, Map.of("failures", 2));

        eventually().until(() -> effectOf(event) == 1);
        assertThat(effectCounter.attempts(event)).isEqualTo(3);
        eventually().until(() -> REDIS.xpending(STREAM, EffectCounter.GROUP).getTotal() == 0);
        assertThat(effectOf(event)).isEqualTo(1);
    }

    @Test
    void shouldParkAnEventInTheDeadLetterStreamOnceItsDeliveriesRunOut() {
        UUID event = appendCommitted(EffectCounter.POISONED, null, Map.of("n", 1));

        String deadLetters = STREAM + EventStreams.DEAD_LETTER_SUFFIX;
        eventually().until(() -> !entriesOf(deadLetters, event).isEmpty());
        StreamEntry parked = entriesOf(deadLetters, event).getFirst();
        assertThat(parked.getFields()).containsEntry("group", EffectCounter.GROUP)
                .containsEntry("count", "1")
                .containsEntry("sourceStream", STREAM)
                .containsKey("reason");
        assertThat(envelopes(parked).getFirst().get("type").asString()).isEqualTo(EffectCounter.POISONED);
        assertThat(effectCounter.attempts(event)).isEqualTo(3);
        assertThat(effectOf(event)).isZero();
        eventually().until(() -> REDIS.xpending(STREAM, EffectCounter.GROUP).getTotal() == 0);
        assertThat(jdbc.queryForObject("select count(*) from processed_event where event_id = ?", Long.class,
                event)).isZero();
    }

    @Test
    void shouldAcknowledgeAnEntryOfATypeTheGroupDoesNotHandleWithoutReadingTheRestOfIt() {
        String group = "skipper";
        String stream = newStream(group);
        // Unreadable as an event, but of a type this group does not handle: not this group's to judge or to park.
        REDIS.xadd(stream, XAddParams.xAddParams(), Map.of("id", "not-a-uuid", "type", "test.ignored",
                "occurredAt", "yesterday", "version", "0", "payload", "{not json"));
        EventEnvelope counted = counted(null, 1);
        publish(stream, counted);

        consumeUntil(new EffectCounter(jdbc, group, List.of(stream)),
                () -> effectOf(counted.id()) == 1 && REDIS.xpending(stream, group).getTotal() == 0);
        assertThat(REDIS.exists(stream + EventStreams.DEAD_LETTER_SUFFIX)).isFalse();
    }

    @Test
    void shouldClaimNothingForAGroupWhoseHandlersAreIdempotentByThemselves() {
        String group = "unclaimed";
        String stream = newStream(group);
        EventEnvelope event = counted(null, 1);
        // Delivered twice: this test handler counts each delivery, as only a handler keyed by the event would not.
        publish(stream, event);
        publish(stream, event);

        consumeUntil(new EffectCounter(jdbc, group, List.of(stream)) {
            @Override
            protected boolean idempotentByItself() {
                return true;
            }
        }, () -> effectOf(event.id()) == 2 && REDIS.xpending(stream, group).getTotal() == 0);
        assertThat(jdbc.queryForObject("select count(*) from processed_event where consumer = ?", Long.class, group))
                .isZero();
    }

    @Test
    void shouldAcknowledgeWithoutHandlingATypeTheGroupDoesNotHandle() {
        UUID ignored = appendCommitted("test.ignored", null, Map.of("n", 1));

        eventually().until(() -> !entriesOf(STREAM, ignored).isEmpty());
        eventually().until(() -> REDIS.xpending(STREAM, EffectCounter.GROUP).getTotal() == 0);
        assertThat(jdbc.queryForObject("select count(*) from processed_event where event_id = ?", Long.class,
                ignored)).isZero();
    }
}
