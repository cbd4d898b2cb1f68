package io.jifen.plugins.test.misbehaving;

import io.jifen.plugin.api.ChannelContext;
import io.jifen.plugin.api.ChannelEvent;
import io.jifen.plugin.api.ChannelResult;
import java.time.Instant;
import org.pf4j.Extension;

/**
 * Returns what the event's {@code answer} asks for: null, far too many points, an award expiring at the event's
 * {@code expiresAt}, one whose reason is the zone of the clock the host gave, or a sane award.
 */
@Extension
public class NonsenseChannel extends TestChannel {

    @Override
    public String id() {
        return "test-nonsense";
    }

    @Override
    public ChannelResult evaluate(ChannelEvent event, ChannelContext context) {
        return switch (String.valueOf(event.attributes().get("answer"))) {
            case "null" -> null;
            case "huge" -> ChannelResult.award(new ChannelResult.Award(Long.MAX_VALUE / 2, "everything"));
            case "blank-reason" -> ChannelResult.award(new ChannelResult.Award(5, " "));
            case "expiring" -> ChannelResult.award(new ChannelResult.Award(5, "expiring",
                    Instant.parse(String.valueOf(event.attributes().get("expiresAt")))));
            case "zone" -> ChannelResult.award(new ChannelResult.Award(5, context.clock().getZone().getId()));
            default -> ChannelResult.award(new ChannelResult.Award(5, "fine"));
        };
    }
}
