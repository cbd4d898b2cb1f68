package io.jifen.plugins.test.misbehaving;

import io.jifen.plugin.api.ChannelContext;
import io.jifen.plugin.api.ChannelEvent;
import io.jifen.plugin.api.ChannelResult;
import org.pf4j.Extension;

/** Blocks far longer than the host's timeout; it ends when the host interrupts it. */
@Extension
public class HangingChannel extends TestChannel {

    @Override
    public String id() {
        return "test-hang";
    }

    @Override
    public ChannelResult evaluate(ChannelEvent event, ChannelContext context) {
        try {
            Thread.sleep(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ChannelResult.award(new ChannelResult.Award(1, "too late"));
    }
}
