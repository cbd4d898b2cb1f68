package io.jifen.plugins.survey;

import static org.assertj.core.api.Assertions.assertThat;

import io.jifen.plugin.api.ChannelResult;
import io.jifen.plugin.testkit.ChannelHarness;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SurveyChannelTest {

    private final ChannelHarness harness = ChannelHarness.of(new SurveyChannel())
            .config(Map.of("points", 20, "minAnswers", 5));

    @Test
    void shouldRewardEachMemberOncePerSurvey() {
        ChannelResult first = harness.send("m1", Map.of("surveyId", "nps-2026", "answered", 5));
        ChannelResult second = harness.send("m1", Map.of("surveyId", "nps-2026", "answered", 7));
        ChannelResult otherSurvey = harness.send("m1", Map.of("surveyId", "menu", "answered", 5));
        ChannelResult otherMember = harness.send("m2", Map.of("surveyId", "nps-2026", "answered", 5));

        assertThat(ChannelHarness.points(first)).isEqualTo(20);
        assertThat(second).isEqualTo(ChannelResult.reject("this survey was already rewarded"));
        assertThat(ChannelHarness.points(otherSurvey)).isEqualTo(20);
        assertThat(ChannelHarness.points(otherMember)).isEqualTo(20);
    }

    @Test
    void shouldNotRewardNorCountAnIncompleteResponse() {
        ChannelResult partial = harness.send("m1", Map.of("surveyId", "nps-2026", "answered", 4));
        ChannelResult complete = harness.send("m1", Map.of("surveyId", "nps-2026", "answered", 5));

        assertThat(partial).isEqualTo(ChannelResult.reject("the survey was not completed"));
        assertThat(ChannelHarness.points(complete)).isEqualTo(20);
    }

    @Test
    void shouldRejectAMissingSurveyId() {
        assertThat(harness.send("m1", Map.of("answered", 5))).isInstanceOf(ChannelResult.Rejected.class);
    }
}
