package io.jifen.plugins.test.removable;

import io.jifen.plugin.api.ChannelContext;
import io.jifen.plugin.api.ChannelEvent;
import io.jifen.plugin.api.ChannelResult;
import io.jifen.plugin.api.EarningChannel;
import org.pf4j.Extension;

/** Three points for any event. */
@Extension
public class FixedChannel implements EarningChannel {

    @Override
    public String id() {
        return "test-fixed";
    }

    @Override
    public String displayName() {
        return "Fixed award";
    }

    @Override
    public String description() {
        return "Three points per event";
    }

    @Override
    public String configSchema() {
        return "{\"type\": \"object\"}";
    }

    @Override
    public ChannelResult evaluate(ChannelEvent event, ChannelContext context) {
        return ChannelResult.award(new ChannelResult.Award(3, "fixed"));
    }
}
