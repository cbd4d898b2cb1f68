package io.jifen.events;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.DependsOn;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox, its relay and the consumer groups, for any service with a DataSource. The event tables are migrated
 * after the service's own database initialisation (its Flyway, say) and before anything here can use them.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration"})
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(EventsProperties.class)
public class EventsAutoConfiguration {

    /**
     * Starts before, and stops after, the web server's graceful shutdown (phase {@code DEFAULT_PHASE - 1024}):
     * requests still in flight may append events the relay should publish before it stops.
     */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private static final String SCHEMA = "jifenEventsSchema";

    /** Migrated with the service's Flyway credentials when it has them: the tables' owner (docs/adr/0019). */
    @Bean(SCHEMA)
    @DependsOnDatabaseInitialization
    EventsSchema jifenEventsSchema(DataSource dataSource, ObjectProvider<Flyway> flyway) {
        Flyway service = flyway.getIfAvailable();
        return EventsSchema.migrate(service != null ? service.getConfiguration().getDataSource() : dataSource);
    }

    @Bean(destroyMethod = "close")
    EventStreams jifenEventStreams(Environment environment, EventsProperties properties) {
        String url = environment.getProperty("spring.data.redis.url", "redis://"
                + environment.getProperty("spring.data.redis.host", "localhost") + ":"
                + environment.getProperty("spring.data.redis.port", "6379"));
        return new EventStreams(EventStreams.connect(url, properties.consumer().block()),
                properties.relay().maxLen());
    }

    @Bean
    @DependsOn(SCHEMA)
    EventsMetrics jifenEventsMetrics(ObjectProvider<MeterRegistry> registry, DataSource dataSource) {
        EventsMetrics metrics = new EventsMetrics(registry.getIfAvailable(() -> Metrics.globalRegistry));
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        metrics.backlog(() -> jdbc.queryForObject(
                "select coalesce(sum(event_count), 0) from outbox where sent_at is null", Long.class));
        return metrics;
    }

    @Bean
    @DependsOn(SCHEMA)
    Outbox outbox(DataSource dataSource, ObjectProvider<JsonMapper> json, ObjectProvider<OutboxRelay> relay) {
        return new Outbox(new JdbcTemplate(dataSource), jsonMapper(json),
                () -> relay.ifAvailable(OutboxRelay::wakeUp));
    }

    @Bean
    @DependsOn(SCHEMA)
    @ConditionalOnProperty(name = "jifen.events.relay.enabled", matchIfMissing = true)
    OutboxRelay jifenOutboxRelay(DataSource dataSource, EventStreams streams, EventsProperties properties,
            Environment environment, EventsMetrics metrics) {
        String stream = properties.streamFor(environment.getProperty("spring.application.name", "application"));
        // Plain JDBC transactions of its own: the relay touches no entity, so it needs no JPA session per poll.
        TransactionTemplate transaction = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        OutboxPublisher publisher = new OutboxPublisher(new JdbcTemplate(dataSource), transaction, streams, stream,
                properties.relay().batchSize(), metrics);
        return new OutboxRelay(publisher, properties.relay());
    }

    @Bean
    @DependsOn(SCHEMA)
    EventHandling jifenEventHandling(PlatformTransactionManager transactionManager, DataSource dataSource) {
        // The service's own transaction manager: a handler's repositories share the claim's transaction.
        return new EventHandling(new TransactionTemplate(transactionManager), new JdbcTemplate(dataSource));
    }

    @Bean
    ConsumerRuntime jifenConsumerRuntime(EventStreams streams, EventHandling handling,
            ObjectProvider<JsonMapper> json, EventsProperties properties, EventsMetrics metrics) {
        return new ConsumerRuntime(streams, handling, new EnvelopeCodec(jsonMapper(json)), properties.consumer(),
                metrics);
    }

    @Bean
    EventConsumers jifenEventConsumers(ObjectProvider<EventConsumer> consumers, ConsumerRuntime runtime) {
        return new EventConsumers(consumers.orderedStream().toList(), runtime, ConsumerNames.unique());
    }

    private static JsonMapper jsonMapper(ObjectProvider<JsonMapper> json) {
        return json.getIfAvailable(() -> JsonMapper.builder().build());
    }
}
