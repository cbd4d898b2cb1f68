package io.jifen.httpchecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

class HeaderTextTest {

    // ASCII, DEL and C0/C1 controls, tab, an unassigned code point (U+0378), CJK, a supplementary character (U+1F600),
    // an unassigned supplementary one (U+E0080), and both halves of a surrogate pair on their own.
    private static final List<String> PIECES = List.of("a", "Z", " ", "~", "\t", "\n", "\r", "\u0000", "\u007f",
            "\u0085", "\u009f", "\u00a0", "\u0378", "积分", "\ud83d\ude00", "\udb40\udc80", "\ud83d", "\ude00", "|",
            "\u200b", "\ufeff", "\uffff");

    @Test
    void shouldJudgeNamesAsBothSpringFirewallsDo() {
        agreeOnSeededStrings(HeaderText::allowedName, StrictHttpFirewall.ALLOWED_HEADER_NAMES);
        agreeOnSeededStrings(HeaderText::allowedName, StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES);
    }

    @Test
    void shouldJudgeValuesAsBothSpringFirewallsDo() {
        agreeOnSeededStrings(HeaderText::allowedValue, StrictHttpFirewall.ALLOWED_HEADER_VALUES);
        agreeOnSeededStrings(HeaderText::allowedValue, StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES);
    }

    @Test
    void shouldLetAMissingHeaderPassAsTheReactiveFirewallDoes() {
        // The reactive firewall asks about an absent header's value (null); the servlet one never does.
        assertThat(StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES.test(null)).isTrue();
        assertThat(StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES.test(null)).isTrue();
        assertThat(HeaderText.allowedName(null)).isTrue();
        assertThat(HeaderText.allowedValue(null)).isTrue();
    }

    @Test
    void shouldAllowATabInAValueOnly() {
        assertThat(HeaderText.allowedValue("a\tb")).isTrue();
        assertThat(HeaderText.allowedName("a\tb")).isFalse();
        assertThat(HeaderText.allowedValue("a\nb")).isFalse();
        assertThat(HeaderText.allowedValue("Bearer eyJ.abc-_~+/==")).isTrue();
        assertThat(HeaderText.allowedValue("")).isTrue();
        assertThat(HeaderText.allowedValue("\u0378")).isFalse();
    }

    private static void agreeOnSeededStrings(Predicate<String> ours, Predicate<String> spring) {
        Random random = new Random(20261206L);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            int pieces = random.nextInt(12);
            for (int p = 0; p < pieces; p++) {
                text.append(PIECES.get(random.nextInt(PIECES.size())));
            }
            String value = text.toString();
            assertThat(ours.test(value)).as("%s", value.codePoints().boxed().toList()).isEqualTo(spring.test(value));
        }
        for (int codePoint = 0; codePoint < 0x3000; codePoint++) {
            String value = "x" + Character.toString(codePoint) + "y";
            assertThat(ours.test(value)).as("U+%04X", codePoint).isEqualTo(spring.test(value));
        }
    }
}
