package com.example.jifen;

import io.jifen.plugin.api.ChannelContext;
import io.jifen.plugin.api.ChannelEvent;
import io.jifen.plugin.api.ChannelResult;
import io.jifen.plugin.api.EarningChannel;
import java.util.Optional;
import org.pf4j.Extension;

/** A welcome bonus, once per member: the smallest useful channel. Rename it and make it yours. */
@Extension
public class WelcomeChannel implements EarningChannel {

    @Override
    public String id() {
        return "example-welcome";
    }

    @Override
    public String displayName() {
        return "Welcome bonus";
    }

    @Override
    public String description() {
        return "Points the first time a member shows up";
    }

    @Override
    public String configSchema() {
        return """
                {"type": "object",
                 "properties": {"points": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 100}}}""";
    }

    @Override
    public ChannelResult evaluate(ChannelEvent event, ChannelContext context) {
        // Compare-and-set on "absent": two concurrent first visits cannot both earn.
        if (!context.store().compareAndSet("welcomed:" + event.memberId(), Optional.empty(), "1")) {
            return ChannelResult.reject("already welcomed");
        }
        long points = context.config().get("points") instanceof Number n ? n.longValue() : 100;
        return ChannelResult.award(new ChannelResult.Award(points, "welcome bonus"));
    }
}
