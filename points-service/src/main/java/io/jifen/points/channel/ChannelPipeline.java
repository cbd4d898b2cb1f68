package io.jifen.points.channel;

import io.jifen.plugin.api.ChannelEvent;
import io.jifen.plugin.api.ChannelResult;
import io.jifen.plugin.api.EarningChannel;
import io.jifen.points.settings.LedgerSettings;
import io.jifen.tenancy.TenantContext;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * The one path every channel's event takes, plugin or built-in: the channel evaluates (it proposes, touching
 * nothing), the host checks the proposal ({@link AwardCheck}), and only what passed is handed to {@code post}: for a
 * plugin the ledger entries, for a built-in the rules' limits and budgets, after which its caller credits the points
 * through the velocity guard as before. How the channel is reached is the {@link ChannelCall}'s business: plugins
 * through the bounded pool with a timeout and a breaker, built-ins inline (see docs/adr/0007-built-in-channels.md).
 */
@Component
public class ChannelPipeline {

    private final BuiltInChannels builtIns;
    private final LedgerSettings settings;
    private final MeterRegistry meters;
    private final Clock clock;

    ChannelPipeline(BuiltInChannels builtIns, LedgerSettings settings, MeterRegistry meters, Clock clock) {
        this.builtIns = builtIns;
        this.settings = settings;
        this.meters = meters;
        this.clock = clock;
    }

    /** Evaluates, checks, and posts what passed; a refused result throws the call's problem, nothing posted. */
    public <T> T run(ChannelCall call, Function<Accepted, T> post) {
        ChannelResult result = call.evaluate();
        String problem = AwardCheck.problem(result, call.bounds(), clock.instant());
        if (problem != null) {
            throw call.refused(problem);
        }
        call.accepted(result);
        Accepted accepted = AwardCheck.accept(result, call.bounds());
        if (accepted.awards().stream().anyMatch(share -> share.cut() > 0)) {
            meters.counter("jifen.channel.capped", "plugin", call.pluginId(), "channel", call.channelId())
                    .increment();
        }
        return post.apply(accepted);
    }

    /**
     * A built-in channel's event, in the caller's thread and transaction, its awards bounded to one per rule it was
     * given ({@code ruleCodes}) and cut to {@link BuiltInChannels#maxPointsPerEvent()}.
     *
     * @param config what the channel works from (the tenant's rules), as a plugin gets its tenant's config
     */
    public <T> T runBuiltIn(EarningChannel channel, ChannelEvent event, Map<String, Object> config,
            Set<String> ruleCodes, Function<Accepted, T> post) {
        BuiltInCall.Context context = BuiltInCall.Context.of(TenantContext.require().value().toString(),
                channel.id(), config, new TenantClock(clock, () -> settings.zone()));
        AwardCheck.Bounds bounds = AwardCheck.Bounds.builtIn(builtIns.maxPointsPerEvent(), ruleCodes);
        return run(new BuiltInCall(channel, event, context, bounds, meters), post);
    }
}
