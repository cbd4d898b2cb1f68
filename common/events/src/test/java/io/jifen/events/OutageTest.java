package io.jifen.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class OutageTest {

    private final Outage outage = new Outage(LoggerFactory.getLogger(OutageTest.class), "Redis (test)",
            "work waits");

    @Test
    void shouldReportOnlyTheFirstFailureOfEachOutage() {
        assertThat(outage.failed(new IOException("refused"))).isTrue();
        assertThat(outage.failed(new IOException("refused"))).isFalse();
        assertThat(outage.failed(new IOException("refused"))).isFalse();
        assertThat(outage.ongoing()).isTrue();

        outage.succeeded();
        assertThat(outage.ongoing()).isFalse();
        assertThat(outage.failed(new IOException("refused again"))).isTrue();
    }
}
