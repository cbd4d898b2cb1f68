package io.jifen.points.rules;

import static io.jifen.points.rules.PurchaseChannelTest.reasons;
import static io.jifen.points.rules.RuleEvaluatorTest.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jifen.plugin.api.ChannelResult;
import io.jifen.plugin.api.EarningChannel;
import io.jifen.plugin.testkit.ChannelHarness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The built-in member event channels, through the plugin test kit's harness like any plugin. */
class EventRuleChannelTest {

    private static final List<EarningRule> RULES = List.of(event("welcome", "registration", 100),
            event("referee", "referral-referee", 50), event("referrer", "referral-referrer", 200),
            event("profile", "profile-completed", 20), event("bday", "birthday", 30),
            event("review", "custom:review", 15), event("app", "custom:app-opened", 5),
            event("first", Rules.FIRST_PURCHASE, 300));

    @Test
    void shouldPayEachChannelsOwnTriggerOnly() {
        assertThat(reasons(send(EventRuleChannel.REGISTRATION, Map.of()))).containsExactly("welcome");
        assertThat(reasons(send(EventRuleChannel.PROFILE_COMPLETED, Map.of()))).containsExactly("profile");
        assertThat(reasons(send(EventRuleChannel.BIRTHDAY, Map.of()))).containsExactly("bday");
    }

    @Test
    void shouldPayTheSideOfAReferralItsRoleNames() {
        assertThat(reasons(send(EventRuleChannel.REFERRAL, Map.of("role", "referee")))).containsExactly("referee");
        assertThat(reasons(send(EventRuleChannel.REFERRAL, Map.of("role", "referrer")))).containsExactly("referrer");
        assertThatThrownBy(() -> send(EventRuleChannel.REFERRAL, Map.of("role", "bystander")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldPayACustomEventByItsTypeAndRejectATypeNoRuleRewards() {
        ChannelResult review = send(EventRuleChannel.CUSTOM, Map.of("type", "review"));
        ChannelResult unknown = send(EventRuleChannel.CUSTOM, Map.of("type", "survey"));

        assertThat(reasons(review)).containsExactly("review");
        assertThat(ChannelHarness.points(review)).isEqualTo(15);
        assertThat(unknown).isInstanceOf(ChannelResult.Rejected.class);
    }

    @Test
    void shouldRouteEveryEventRuleTriggerButTheFirstPurchaseToAChannelThatPaysIt() {
        for (EarningRule rule : RULES) {
            if (rule.trigger().equals(Rules.FIRST_PURCHASE)) {
                assertThatThrownBy(() -> EventRuleChannel.route(rule.trigger()))
                        .isInstanceOf(IllegalArgumentException.class);
                continue;
            }
            EventRuleChannel.Routed routed = EventRuleChannel.route(rule.trigger());

            assertThat(reasons(send(routed.channel(), routed.attributes()))).as(rule.trigger())
                    .containsExactly(rule.code());
        }
    }

    @Test
    void shouldDescribeThemselvesLikeAnyChannel() {
        for (EarningChannel channel : List.of(EventRuleChannel.REGISTRATION, EventRuleChannel.REFERRAL,
                EventRuleChannel.PROFILE_COMPLETED, EventRuleChannel.BIRTHDAY, EventRuleChannel.CUSTOM,
                PurchaseChannel.INSTANCE)) {
            assertThat(channel.id()).matches("[a-z0-9]+(-[a-z0-9]+)*");
            assertThat(channel.displayName()).isNotBlank();
            assertThat(channel.description()).isNotBlank();
            assertThat(channel.configSchema()).contains("\"type\": \"object\"");
        }
    }

    private static ChannelResult send(EarningChannel channel, Map<String, Object> attributes) {
        return ChannelHarness.of(channel).config(ChannelRules.config(RULES)).send("member-1", attributes);
    }
}
