package io.jifen.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class EventsPropertiesTest {

    @Test
    void shouldDefaultEverythingWhenNothingIsSet() {
        EventsProperties properties = bind(Map.of());

        assertThat(properties.relay().enabled()).isTrue();
        assertThat(properties.relay().pollInterval()).isEqualTo(Duration.ofMillis(150));
        assertThat(properties.relay().batchSize()).isEqualTo(1000);
        assertThat(properties.consumer().batchSize()).isEqualTo(20);
        assertThat(properties.relay().maxLen()).isEqualTo(20_000);
        assertThat(properties.relay().retention()).isEqualTo(Duration.ofDays(7));
        assertThat(properties.consumer().claimIdle()).isEqualTo(Duration.ofSeconds(30));
        assertThat(properties.consumer().maxDeliveries()).isEqualTo(10);
        assertThat(properties.relay().linger()).isEqualTo(Duration.ofMillis(100));
        assertThat(properties.consumer().linger()).isEqualTo(Duration.ofMillis(100));
        assertThat(properties.streamFor("member-service")).isEqualTo("jifen:events:member-service");
    }

    @Test
    void shouldTakeWhatIsSet() {
        EventsProperties properties = bind(Map.of("jifen.events.stream", "jifen:events:legacy",
                "jifen.events.relay.enabled", "false", "jifen.events.relay.max-len", "0",
                "jifen.events.consumer.claim-idle", "2m", "jifen.events.consumer.linger", "0s"));

        assertThat(properties.streamFor("member-service")).isEqualTo("jifen:events:legacy");
        assertThat(properties.relay().enabled()).isFalse();
        assertThat(properties.relay().maxLen()).isZero();
        assertThat(properties.consumer().claimIdle()).isEqualTo(Duration.ofMinutes(2));
        assertThat(properties.consumer().linger()).isZero();
    }

    @Test
    void shouldRefuseSettingsThatWouldStallOrSpin() {
        assertThatThrownBy(() -> bind(Map.of("jifen.events.relay.batch-size", "0")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("batch-size");
        assertThatThrownBy(() -> bind(Map.of("jifen.events.consumer.claim-idle", "0s")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("claim-idle");
        assertThatThrownBy(() -> bind(Map.of("jifen.events.relay.linger", "-5ms")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("linger");
    }

    private static EventsProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("jifen.events", Bindable.of(EventsProperties.class));
    }
}
