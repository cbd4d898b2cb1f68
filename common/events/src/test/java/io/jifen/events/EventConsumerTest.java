package io.jifen.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventConsumerTest {

    @Test
    void shouldHandleOnlyTheTypesItNames() {
        EventConsumer consumer = consumer("points.member-events", Set.of("member.registered"));

        assertThat(consumer.handles("member.registered")).isTrue();
        assertThat(consumer.handles("member.deleted")).isFalse();
        assertThat(consumer.streams()).containsExactly("jifen:events:member-service");
    }

    @Test
    void shouldRefuseAGroupWithoutANameStreamsOrTypes() {
        assertThatThrownBy(() -> consumer("Points Group", Set.of("member.registered")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("consumer group");
        assertThatThrownBy(() -> consumer("points.member-events", Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("event types");
    }

    @Test
    void shouldRefuseToRunTwoConsumersInOneGroup() {
        List<EventConsumer> sharing = List.of(consumer("points.member-events", Set.of("member.registered")),
                consumer("points.member-events", Set.of("member.deleted")));

        assertThatThrownBy(() -> new EventConsumers(sharing, null, "instance"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("share the group");
    }

    @Test
    void shouldNameEachInstanceDifferently() {
        String name = ConsumerNames.unique();

        assertThat(name).contains("-" + ProcessHandle.current().pid() + "-").matches("[A-Za-z0-9._-]+");
        assertThat(ConsumerNames.unique()).isNotEqualTo(name);
    }

    private static EventConsumer consumer(String group, Set<String> types) {
        return new EventConsumer(group, List.of(EventConsumer.streamOf("member-service")), types) {
            @Override
            protected void handle(EventEnvelope event) {
            }
        };
    }
}
