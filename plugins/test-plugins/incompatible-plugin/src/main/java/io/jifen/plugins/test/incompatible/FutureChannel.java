package io.jifen.plugins.test.incompatible;

import io.jifen.plugin.api.ChannelContext;
import io.jifen.plugin.api.ChannelEvent;
import io.jifen.plugin.api.ChannelResult;
import io.jifen.plugin.api.EarningChannel;
import org.pf4j.Extension;

/** A valid channel in a jar whose manifest requires plugin API 2.0. */
@Extension
public class FutureChannel implements EarningChannel {

    @Override
    public String id() {
        return "test-future";
    }

    @Override
    public String displayName() {
        return "From the future";
    }

    @Override
    public String description() {
        return "Needs a newer host";
    }

    @Override
    public String configSchema() {
        return "{\"type\": \"object\"}";
    }

    @Override
    public ChannelResult evaluate(ChannelEvent event, ChannelContext context) {
        return ChannelResult.reject("never runs");
    }
}
