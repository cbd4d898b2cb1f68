package io.jifen.plugins.test.misbehaving;

import io.jifen.plugin.api.EarningChannel;

/** The boilerplate the test channels share. */
abstract class TestChannel implements EarningChannel {

    @Override
    public String displayName() {
        return "Test channel " + id();
    }

    @Override
    public String description() {
        return "Misbehaves on purpose for the host's tests";
    }

    @Override
    public String configSchema() {
        return "{\"type\": \"object\", \"properties\": {}}";
    }
}
