package io.jifen.events.testapp;

import io.jifen.events.EventConsumer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/** A minimal service: its own Flyway schema, two consumer groups reading its own stream, a meter registry. */
@SpringBootApplication
public class EventsTestApplication {

    public static final String STREAM = EventConsumer.streamOf("events-test");

    @Bean
    EffectCounter effectCounter(JdbcTemplate jdbc) {
        return new EffectCounter(jdbc, EffectCounter.GROUP, List.of(STREAM));
    }

    @Bean
    SimpleMeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }
}
