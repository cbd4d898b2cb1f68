package io.jifen.points.idempotency;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IdempotencyKeyPruningTest {

    @Test
    void shouldRefuseARetentionShorterThanADay() {
        assertThatThrownBy(() -> new IdempotencyKeyPruning(null, Duration.ofHours(23)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least a day");
        assertThatCode(() -> new IdempotencyKeyPruning(null, Duration.ofDays(1))).doesNotThrowAnyException();
    }
}
