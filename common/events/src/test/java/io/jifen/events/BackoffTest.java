package io.jifen.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void shouldDoubleEachWaitUpToTheCapAndStartOverAfterAReset() {
        Backoff backoff = new Backoff(Duration.ofMillis(150), Duration.ofSeconds(1));

        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(150));
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(300));
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(600));
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(1));

        backoff.reset();
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(150));
    }

    @Test
    void shouldNeverStartAboveTheCap() {
        assertThat(new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(1)).next()).isEqualTo(Duration.ofSeconds(1));
    }
}
