package io.jifen.plugin.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChannelValuesTest {

    @Test
    void shouldCopyEventAttributesSoThePluginCannotChangeTheHostsMap() {
        Map<String, Object> host = new HashMap<>(Map.of("url", "https://example.com"));
        ChannelEvent event = new ChannelEvent("e1", "m1", Instant.EPOCH, host);
        host.put("url", "changed");
        assertThat(event.attributes()).containsEntry("url", "https://example.com");
        assertThatThrownBy(() -> event.attributes().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void shouldRefuseNonPositiveAwardsAndEmptyAwardLists() {
        assertThatThrownBy(() -> new ChannelResult.Award(0, "nothing")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChannelResult.Award(-5, "negative")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(ChannelResult::award).isInstanceOf(IllegalArgumentException.class);
        assertThat(ChannelResult.award(new ChannelResult.Award(10, "check-in")))
                .isInstanceOfSatisfying(ChannelResult.Awarded.class, a -> assertThat(a.awards()).hasSize(1));
    }
}
