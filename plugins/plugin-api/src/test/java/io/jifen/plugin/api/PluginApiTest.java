package io.jifen.plugin.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PluginApiTest {

    @Test
    void shouldAcceptTheSameMajorAndAnOlderOrEqualMinor() {
        assertThat(PluginApi.incompatibility("1.0")).isNull();
        assertThat(PluginApi.incompatibility("1.0.7")).isNull();
    }

    @Test
    void shouldExplainWhyAnotherMajorANewerMinorOrGarbageIsRefused() {
        assertThat(PluginApi.incompatibility("2.0")).contains("needs plugin API 2.0").contains(PluginApi.VERSION);
        assertThat(PluginApi.incompatibility("1.9")).contains("needs plugin API 1.9");
        assertThat(PluginApi.incompatibility("one")).contains("not a version");
        assertThat(PluginApi.incompatibility(null)).contains("no Plugin-Requires");
    }
}
