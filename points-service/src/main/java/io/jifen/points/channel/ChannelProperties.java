package io.jifen.points.channel;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The built-in channels' settings ({@code jifen.points.channels.*}).
 *
 * @param maxPointsPerEvent what one event of a built-in channel may award at most, whatever the tenant's rules
 *                          say: a proposal above it is cut to it (a safety net against a mistyped rule, far above
 *                          any real purchase)
 */
@ConfigurationProperties("jifen.points.channels")
public record ChannelProperties(@DefaultValue("1000000000") long maxPointsPerEvent) {

    public ChannelProperties {
        if (maxPointsPerEvent <= 0) {
            throw new IllegalArgumentException("jifen.points.channels.max-points-per-event must be positive");
        }
    }
}
