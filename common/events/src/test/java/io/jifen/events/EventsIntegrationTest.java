package io.jifen.events;

import static org.awaitility.Awaitility.await;

import io.jifen.events.testapp.EffectCounter;
import io.jifen.events.testapp.EventsTestApplication;
import io.jifen.infra.Postgres;
import io.jifen.infra.Redis;
import io.jifen.tenancy.TenantContext;
import io.jifen.tenancy.TenantId;
import io.jifen.testsupport.TestInfra;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.awaitility.core.ConditionFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.resps.StreamEntry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The test service over a fresh database on the shared real PostgreSQL and a Redis of its own (one test stops and
 * restarts it on the same port). Every subclass shares the one application context; tests stay independent by
 * using fresh events (and tenants).
 */
@SpringBootTest(classes = EventsTestApplication.class)
abstract class EventsIntegrationTest {

    static final String STREAM = EventsTestApplication.STREAM;
    static final JsonMapper JSON = JsonMapper.builder().build();
    static volatile Redis redis = TestInfra.newRedis();
    /** The tests' own view of Redis; checks each connection it lends, since one test restarts the server. */
    static final RedisClient REDIS = RedisClient.builder().fromURI(redis.url()).poolConfig(testedOnBorrow()).build();

    @Autowired
    Outbox outbox;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventConsumers consumers;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        String url = TestInfra.newDatabase("events");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> Postgres.SUPERUSER);
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.data.redis.url", () -> redis.url());
    }

    private static ConnectionPoolConfig testedOnBorrow() {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setTestOnBorrow(true);
        return pool;
    }

    static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50));
    }

    static TenantId newTenant() {
        return new TenantId(UUID.randomUUID());
    }

    /** Appends in a committed transaction, begun inside the tenant as a service's would be. */
    UUID appendCommitted(String type, TenantId tenant, Object payload) {
        Supplier<UUID> append = () -> transaction.execute(status -> outbox.append(type, tenant, payload));
        if (tenant == null) {
            return append.get();
        }
        UUID[] appended = new UUID[1];
        TenantContext.runAs(tenant, () -> appended[0] = append.get());
        return appended[0];
    }

    /** An event of the test consumer's {@code type} for {@code tenant} (null: global), its payload {@code {"n": n}}. */
    static EventEnvelope testEvent(String type, TenantId tenant, int n) {
        return new EventEnvelope(UUID.randomUUID(), type, tenant, Instant.now().truncatedTo(ChronoUnit.MICROS), 1,
                JSON.readTree("{\"n\": " + n + "}"));
    }

    /** {@link #testEvent} of the type the test consumer counts. */
    static EventEnvelope counted(TenantId tenant, int n) {
        return testEvent(EffectCounter.COUNTED, tenant, n);
    }

    /** Adds {@code event} to {@code stream} as an entry of its own (the single-envelope shape). */
    static void publish(String stream, EventEnvelope event) {
        REDIS.xadd(stream, XAddParams.xAddParams(), new EnvelopeCodec(JSON).encode(event));
    }

    /** A new stream with {@code group} reading it from the start. */
    static String newStream(String group) {
        String stream = "jifen:test:" + group + ":" + UUID.randomUUID();
        REDIS.xgroupCreate(stream, group, new StreamEntryID(0, 0), true);
        return stream;
    }

    /** Runs a worker for {@code consumer} until {@code done} holds, then stops it. */
    void consumeUntil(EventConsumer consumer, Callable<Boolean> done) {
        ConsumerWorker worker = consumers.worker(consumer, consumer.group() + "-worker");
        worker.start();
        try {
            eventually().until(done);
        } finally {
            worker.signalStop();
            worker.awaitStopped(Duration.ofSeconds(10));
        }
    }

    /** How many times the test consumer applied the event's effect. */
    int effectOf(UUID event) {
        return jdbc.queryForList("select applied from effect where event_id = ?", Integer.class, event).stream()
                .findFirst().orElse(0);
    }

    /** The entries of {@code stream} carrying the event, whatever their shape. */
    static List<StreamEntry> entriesOf(String stream, UUID event) {
        return REDIS.xrange(stream, "-", "+").stream().filter(entry -> eventIds(entry).contains(event)).toList();
    }

    /** The ids of the events an entry carries, in order: its {@code events} array's, or its own {@code id}. */
    static List<UUID> eventIds(StreamEntry entry) {
        return envelopes(entry).stream().map(envelope -> UUID.fromString(envelope.get("id").asString())).toList();
    }

    /** The envelopes an entry carries, in order. */
    static List<JsonNode> envelopes(StreamEntry entry) {
        String events = entry.getFields().get(EnvelopeCodec.EVENTS);
        if (events == null) {
            String id = entry.getFields().get(EnvelopeCodec.ID);
            return id == null ? List.of() : List.of(JSON.valueToTree(entry.getFields()));
        }
        List<JsonNode> envelopes = new ArrayList<>();
        JSON.readTree(events).forEach(envelopes::add);
        return envelopes;
    }

    OutboxRow outboxRow(UUID event) {
        return jdbc.query("select sent_at is not null as sent, attempts, last_error from outbox_event where id = ?",
                (rs, n) -> new OutboxRow(rs.getBoolean("sent"), rs.getInt("attempts"), rs.getString("last_error")),
                event).stream().findFirst().orElse(null);
    }

    record OutboxRow(boolean sent, int attempts, String lastError) {
    }
}
