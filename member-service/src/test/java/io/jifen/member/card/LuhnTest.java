package io.jifen.member.card;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LuhnTest {

    @Test
    void shouldComputeTheCheckDigitOfKnownNumbers() {
        assertThat(Luhn.checkDigit("7992739871")).isEqualTo(3);
        assertThat(Luhn.checkDigit("411111111111111")).isEqualTo(1);
    }

    @Test
    void shouldCatchASingleMistypedDigitAndAdjacentSwaps() {
        assertThat(Luhn.isValid("79927398713")).isTrue();
        assertThat(Luhn.isValid("79927398714")).isFalse();
        assertThat(Luhn.isValid("79927389713")).isFalse();
        assertThat(Luhn.isValid("7992739871a")).isFalse();
    }
}
