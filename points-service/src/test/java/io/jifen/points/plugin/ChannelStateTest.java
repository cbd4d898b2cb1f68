package io.jifen.points.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChannelStateTest {

    private final ChannelState state = new ChannelState(key -> Optional.ofNullable(Map.of("k", "old").get(key)));

    @Test
    void shouldReadItsOwnWritesAndRecordWhatTheDatabaseMustStillHold() {
        assertThat(state.compareAndSet("k", Optional.of("old"), "mid")).isTrue();
        assertThat(state.compareAndSet("k", Optional.of("mid"), "new")).isTrue();
        assertThat(state.compareAndSet("fresh", Optional.empty(), "1")).isTrue();
        state.put("plain", "x");

        assertThat(state.get("k")).contains("new");
        assertThat(state.close()).containsExactly(
                new ChannelState.Write("k", "new", Optional.of("old")),
                new ChannelState.Write("fresh", "1", Optional.empty()),
                new ChannelState.Write("plain", "x", null));
    }

    @Test
    void shouldFailACompareAndSetOnAnotherValue() {
        assertThat(state.compareAndSet("k", Optional.empty(), "x")).isFalse();
        assertThat(state.compareAndSet("missing", Optional.of("y"), "x")).isFalse();
        assertThat(state.close()).isEmpty();
    }

    @Test
    void shouldRefuseUseAfterTheCallIsOverAndOversizeKeysOrValues() {
        assertThatThrownBy(() -> state.put("k".repeat(ChannelState.MAX_KEY + 1), "v"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> state.put("k", "v".repeat(ChannelState.MAX_VALUE + 1)))
                .isInstanceOf(IllegalArgumentException.class);
        state.close();
        assertThatThrownBy(() -> state.get("k")).isInstanceOf(IllegalStateException.class);
    }
}
