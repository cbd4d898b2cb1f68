package io.jifen.plugins.test.misbehaving;

import io.jifen.plugin.api.ChannelContext;
import io.jifen.plugin.api.ChannelEvent;
import io.jifen.plugin.api.ChannelResult;
import org.pf4j.Extension;

@Extension
public class ThrowingChannel extends TestChannel {

    @Override
    public String id() {
        return "test-throw";
    }

    @Override
    public ChannelResult evaluate(ChannelEvent event, ChannelContext context) {
        throw new IllegalStateException("boom");
    }
}
