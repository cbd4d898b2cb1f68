package io.jifen.plugins.socialshare;

import static org.assertj.core.api.Assertions.assertThat;

import io.jifen.plugin.api.ChannelResult;
import io.jifen.plugin.testkit.ChannelHarness;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SocialShareChannelTest {

    private final ChannelHarness harness = ChannelHarness.of(new SocialShareChannel()).zone("Asia/Shanghai")
            .at("2026-03-01T10:00").config(Map.of("pointsPerShare", 5, "maxSharesPerDay", 2));

    @Test
    void shouldAwardEachNewLinkOnceSpellingsOfOneLinkIncluded() {
        ChannelResult first = share("m1", "https://shop.example/item/42");
        ChannelResult again = share("m1", "HTTPS://Shop.Example/item/42/#reviews");
        ChannelResult otherMember = share("m2", "https://shop.example/item/42");

        assertThat(ChannelHarness.points(first)).isEqualTo(5);
        assertThat(again).isEqualTo(ChannelResult.reject("this link was already shared"));
        assertThat(ChannelHarness.points(otherMember)).isEqualTo(5);
    }

    @Test
    void shouldStopAtTheDailyCapAndStartAgainTheNextDay() {
        share("m1", "https://a.example/1");
        share("m1", "https://a.example/2");
        ChannelResult third = share("m1", "https://a.example/3");
        harness.advance(Duration.ofDays(1));
        ChannelResult nextDay = share("m1", "https://a.example/4");

        assertThat(third).isEqualTo(ChannelResult.reject("daily share limit reached"));
        assertThat(ChannelHarness.points(nextDay)).isEqualTo(5);
    }

    @Test
    void shouldRejectMissingOrNonHttpUrls() {
        assertThat(harness.send("m1", Map.of())).isInstanceOf(ChannelResult.Rejected.class);
        assertThat(share("m1", "javascript:alert(1)")).isInstanceOf(ChannelResult.Rejected.class);
        assertThat(share("m1", "not a url")).isInstanceOf(ChannelResult.Rejected.class);
    }

    private ChannelResult share(String member, String url) {
        return harness.send(member, Map.of("url", url));
    }
}
