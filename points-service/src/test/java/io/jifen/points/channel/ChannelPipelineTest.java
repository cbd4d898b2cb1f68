package io.jifen.points.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jifen.plugin.api.ChannelContext;
import io.jifen.plugin.api.ChannelEvent;
import io.jifen.plugin.api.ChannelResult;
import io.jifen.plugin.api.ChannelResult.Award;
import io.jifen.plugin.api.EarningChannel;
import io.jifen.tenancy.TenantContext;
import io.jifen.tenancy.TenantId;
import io.jifen.web.ApiException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class ChannelPipelineTest {

    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    private static final ChannelEvent EVENT = new ChannelEvent("e-1", "member-1", NOW, Map.of());
    private static final TenantId TENANT = new TenantId(UUID.randomUUID());

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    // The settings are only read if a channel asks its clock for the zone; none of these does.
    private final ChannelPipeline pipeline = new ChannelPipeline(new BuiltInChannels(List.of(),
            new ChannelProperties(100)), null, meters, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void shouldCutABuiltInsProposalToThePerEventCapTakingFromTheLaterAwards() throws Exception {
        EarningChannel channel = channel((event, context) -> ChannelResult.award(new Award(60, "a"),
                new Award(50, "b"), new Award(10, "c")));

        Accepted accepted = runBuiltIn(channel, Set.of("a", "b", "c"));

        assertThat(accepted.awards()).extracting(Accepted.Share::points).containsExactly(60L, 40L, 0L);
        assertThat(accepted.awards()).extracting(Accepted.Share::cut).containsExactly(0L, 10L, 10L);
        assertThat(meters.counter("jifen.channel.capped", "plugin", "jifen-core", "channel", "test").count())
                .isEqualTo(1);
    }

    @Test
    void shouldRefuseABuiltInsAwardForARuleItWasNotGivenAndPostNothing() {
        EarningChannel channel = channel((event, context) -> ChannelResult.award(new Award(5, "stranger")));

        assertThatThrownBy(() -> runBuiltIn(channel, Set.of("a")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code())
                        .isEqualTo("channel_invalid_output"))
                .hasMessageContaining("stranger");
        assertThat(meters.counter("jifen.plugin.failures", "plugin", "jifen-core", "channel", "test", "kind",
                "invalid_output").count()).isEqualTo(1);
    }

    @Test
    void shouldRefuseABuiltInProposingOneRuleTwice() {
        EarningChannel channel = channel((event, context) -> ChannelResult.award(new Award(5, "a"),
                new Award(5, "a")));

        assertThatThrownBy(() -> runBuiltIn(channel, Set.of("a", "b"))).isInstanceOf(ApiException.class)
                .hasMessageContaining("repeats");
    }

    @Test
    void shouldEvaluateABuiltInInTheCallersThreadWithTheTenantAndConfigItWasGiven() throws Exception {
        AtomicReference<Thread> thread = new AtomicReference<>();
        AtomicReference<ChannelContext> seen = new AtomicReference<>();
        EarningChannel channel = channel((event, context) -> {
            thread.set(Thread.currentThread());
            seen.set(context);
            return ChannelResult.reject("nothing today");
        });

        Accepted accepted = runBuiltIn(channel, Set.of());

        assertThat(thread.get()).isSameAs(Thread.currentThread());
        assertThat(seen.get().tenantId()).isEqualTo(TENANT.value().toString());
        assertThat(seen.get().config()).containsEntry("rules", "given");
        assertThat(accepted.rejection()).isEqualTo("nothing today");
        assertThatThrownBy(() -> seen.get().store().put("k", "v")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void shouldRefuseAPluginsProposalOverItsCapInsteadOfCuttingIt() {
        FakeCall call = new FakeCall(ChannelResult.award(new Award(80, "x"), new Award(30, "y")),
                AwardCheck.Bounds.plugin(100));

        assertThatThrownBy(() -> pipeline.run(call, accepted -> "posted")).isSameAs(call.refusal);
        assertThat(call.acceptedResult).isNull();
    }

    @Test
    void shouldPostAPluginsProposalWithinItsCapWhole() {
        FakeCall call = new FakeCall(ChannelResult.award(new Award(80, "x"), new Award(20, "x")),
                AwardCheck.Bounds.plugin(100));

        Accepted accepted = pipeline.run(call, result -> result);

        assertThat(accepted.awards()).extracting(Accepted.Share::points).containsExactly(80L, 20L);
        assertThat(call.acceptedResult).isNotNull();
    }

    private Accepted runBuiltIn(EarningChannel channel, Set<String> reasons) throws Exception {
        return TenantContext.callAs(TENANT, () -> pipeline.runBuiltIn(channel, EVENT, Map.of("rules", "given"),
                reasons, accepted -> accepted));
    }

    private static EarningChannel channel(BiFunction<ChannelEvent, ChannelContext, ChannelResult> evaluate) {
        return new EarningChannel() {
            public String id() {
                return "test";
            }

            public String displayName() {
                return "Test";
            }

            public String description() {
                return "A channel for this test";
            }

            public String configSchema() {
                return "{\"type\": \"object\"}";
            }

            public ChannelResult evaluate(ChannelEvent event, ChannelContext context) {
                return evaluate.apply(event, context);
            }
        };
    }

    /** A plugin-like call: refusals are its own problem, as the plugin host's are. */
    private static final class FakeCall implements ChannelCall {

        final ChannelResult result;
        final AwardCheck.Bounds bounds;
        final RuntimeException refusal = new IllegalStateException("refused");
        ChannelResult acceptedResult;

        FakeCall(ChannelResult result, AwardCheck.Bounds bounds) {
            this.result = result;
            this.bounds = bounds;
        }

        public String pluginId() {
            return "fake";
        }

        public String channelId() {
            return "fake";
        }

        public ChannelResult evaluate() {
            return result;
        }

        public AwardCheck.Bounds bounds() {
            return bounds;
        }

        public RuntimeException refused(String problem) {
            return refusal;
        }

        public void accepted(ChannelResult accepted) {
            acceptedResult = accepted;
        }
    }
}
