package io.jifen.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.jifen.events.testapp.EffectCounter;
import io.jifen.tenancy.TenantContext;
import io.jifen.tenancy.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import redis.clients.jedis.params.XAddParams;
import tools.jackson.databind.json.JsonMapper;

/**
 * A read batch is handled with one transaction per tenant: every event still has its effect exactly once, inside
 * its own tenant, and one poisoned event in a batch holds back none of the others.
 */
class BatchConsumerIT extends EventsIntegrationTest {

    @Autowired
    JsonMapper json;

    @Test
    void shouldApplyEveryEventOfAMixedBatchOnceInItsOwnTenantDespiteAPoisonedOne() {
        String group = "batcher-" + UUID.randomUUID();
        String stream = newStream(group);
        TenantId a = newTenant();
        TenantId b = newTenant();
        List<EventEnvelope> counted = new ArrayList<>();
        EventEnvelope poisoned = null;
        // Interleaved tenants and a global event, all in the stream before the consumer's first read.
        for (int i = 0; i < 30; i++) {
            TenantId tenant = i % 3 == 0 ? a : i % 3 == 1 ? b : null;
            boolean poison = i == 13;
            EventEnvelope event = testEvent(poison ? EffectCounter.POISONED : EffectCounter.COUNTED, tenant, i);
            publish(stream, event);
            if (poison) {
                poisoned = event;
            } else {
                counted.add(event);
            }
        }
        TenantSeeing consumer = new TenantSeeing(jdbc, group, List.of(stream));
        String deadLetters = stream + EventStreams.DEAD_LETTER_SUFFIX;
        UUID poisonedId = poisoned.id();
        consumeUntil(consumer, () -> counted.stream().allMatch(event -> effectOf(event.id()) == 1)
                && !entriesOf(deadLetters, poisonedId).isEmpty()
                && REDIS.xpending(stream, group).getTotal() == 0);
        for (EventEnvelope event : counted) {
            assertThat(effectOf(event.id())).as("effect of %s", event.id()).isEqualTo(1);
            assertThat(consumer.tenants.get(event.id())).as("tenant seen by %s", event.id())
                    .isEqualTo(Optional.ofNullable(event.tenantId()));
        }
        assertThat(effectOf(poisoned.id())).isZero();
        assertThat(jdbc.queryForObject("select count(*) from processed_event where consumer = ?", Long.class, group))
                .isEqualTo(counted.size());
    }

    @Test
    void shouldHandleTheEventsOfAnEntryOfManyEachOnceAndParkTheEntryOnlyForTheOneThatNeverSucceeds() {
        String group = "batcher-" + UUID.randomUUID();
        String stream = newStream(group);
        TenantId a = newTenant();
        TenantId b = newTenant();
        EventEnvelope a1 = counted(a, 1);
        EventEnvelope b1 = counted(b, 2);
        EventEnvelope global = counted(null, 3);
        EventEnvelope poisoned = testEvent(EffectCounter.POISONED, a, 4);
        EventEnvelope a2 = counted(a, 5);
        // As the relay writes them: an outbox row's events in one entry; a type the group does not handle among them.
        String ignored = "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"test.ignored\",\"occurredAt\":\"yesterday\","
                + "\"version\":1,\"payload\":{\"n\":0}}";
        REDIS.xadd(stream, XAddParams.xAddParams(), EnvelopeCodec.entry("[" + envelopeJson(a1) + "," + ignored + ","
                + envelopeJson(poisoned) + "," + envelopeJson(b1) + "," + envelopeJson(global) + "]", 5));
        REDIS.xadd(stream, XAddParams.xAddParams(), EnvelopeCodec.entry("[" + envelopeJson(a2) + "]", 1));
        TenantSeeing consumer = new TenantSeeing(jdbc, group, List.of(stream));
        String deadLetters = stream + EventStreams.DEAD_LETTER_SUFFIX;

        consumeUntil(consumer, () -> !entriesOf(deadLetters, poisoned.id()).isEmpty()
                && REDIS.xpending(stream, group).getTotal() == 0);
        for (EventEnvelope event : List.of(a1, b1, global, a2)) {
            assertThat(effectOf(event.id())).as("effect of %s", event.id()).isEqualTo(1);
            assertThat(consumer.tenants.get(event.id())).isEqualTo(Optional.ofNullable(event.tenantId()));
        }
        assertThat(effectOf(poisoned.id())).isZero();
        // The first entry came back until its deliveries ran out; its handled events were not applied again.
        assertThat(consumer.attempts(poisoned.id())).isGreaterThan(2);
        assertThat(entriesOf(deadLetters, poisoned.id()).getFirst().getFields())
                .containsEntry("group", group).containsEntry("count", "5");
        assertThat(entriesOf(deadLetters, a2.id())).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from processed_event where consumer = ?", Long.class, group))
                .isEqualTo(4);
    }

    /** An envelope as the outbox writes it into a row's array. */
    private String envelopeJson(EventEnvelope event) {
        Map<String, Object> envelope = new java.util.LinkedHashMap<>();
        envelope.put("id", event.id().toString());
        envelope.put("type", event.type());
        if (event.tenantId() != null) {
            envelope.put("tenantId", event.tenantId().toString());
        }
        envelope.put("occurredAt", event.occurredAt().toString());
        envelope.put("version", event.version());
        envelope.put("payload", event.payload());
        return json.writeValueAsString(envelope);
    }

    @Test
    void shouldSkipAnEventPublishedTwiceInOneBatchAndOneAlreadyProcessed() {
        String group = "batcher-" + UUID.randomUUID();
        String stream = newStream(group);
        TenantId tenant = newTenant();
        EventEnvelope twice = counted(tenant, 1);
        EventEnvelope done = counted(tenant, 2);
        EventEnvelope fresh = counted(tenant, 3);
        // Processed before (a previous delivery committed), then relayed again: its claim is already there.
        jdbc.update("insert into processed_event (consumer, event_id, tenant_id) values (?, ?, ?)", group, done.id(),
                tenant.value());
        // A relay that died between XADD and marking the row sent publishes the same event again.
        for (EventEnvelope event : List.of(twice, done, twice, fresh)) {
            publish(stream, event);
        }
        TenantSeeing consumer = new TenantSeeing(jdbc, group, List.of(stream));
        consumeUntil(consumer, () -> REDIS.xpending(stream, group).getTotal() == 0 && effectOf(fresh.id()) == 1);
        assertThat(effectOf(twice.id())).isEqualTo(1);
        assertThat(effectOf(done.id())).isZero();
        assertThat(effectOf(fresh.id())).isEqualTo(1);
        assertThat(jdbc.queryForObject(
                "select count(*) from processed_event where consumer = ? and event_id in (?, ?, ?)", Long.class,
                group, twice.id(), done.id(), fresh.id())).isEqualTo(3);
    }

    /** The test counter, also noting the tenant each event's handler ran in. */
    static final class TenantSeeing extends EffectCounter {
        final Map<UUID, Optional<TenantId>> tenants = new ConcurrentHashMap<>();

        TenantSeeing(JdbcTemplate jdbc, String group, List<String> streams) {
            super(jdbc, group, streams);
        }

        @Override
        protected void handle(EventEnvelope event) {
            tenants.put(event.id(), TenantContext.current());
            super.handle(event);
        }
    }
}
