package com.example.jifen;

import static org.assertj.core.api.Assertions.assertThat;

import io.jifen.plugin.api.ChannelResult;
import io.jifen.plugin.testkit.ChannelHarness;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WelcomeChannelTest {

    private final ChannelHarness harness = ChannelHarness.of(new WelcomeChannel()).config(Map.of("points", 50));

    @Test
    void shouldWelcomeEachMemberOnce() {
        assertThat(ChannelHarness.points(harness.send("m1", Map.of()))).isEqualTo(50);
        assertThat(harness.send("m1", Map.of())).isEqualTo(ChannelResult.reject("already welcomed"));
        assertThat(ChannelHarness.points(harness.send("m2", Map.of()))).isEqualTo(50);
    }
}
