package io.jifen.member.tier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class GrowthWindowTest {

    @Test
    void shouldReadTheRestOfTheStartingDayEntryByEntryThenDaysUpToTheNextMonth() {
        GrowthWindow window = GrowthWindow.since(Instant.parse("2025-03-05T14:23:11.123456Z"));

        assertThat(window.firstWholeDayStart()).isEqualTo(Instant.parse("2025-03-06T00:00:00Z"));
        assertThat(window.firstWholeDay()).isEqualTo(LocalDate.parse("2025-03-06"));
        assertThat(window.firstWholeMonth()).isEqualTo(LocalDate.parse("2025-04-01"));
    }

    @Test
    void shouldTakeTheStartingDayWholeWhenTheWindowStartsAtMidnight() {
        GrowthWindow window = GrowthWindow.since(Instant.parse("2025-03-05T00:00:00Z"));

        assertThat(window.firstWholeDayStart()).isEqualTo(window.from());
        assertThat(window.firstWholeDay()).isEqualTo(LocalDate.parse("2025-03-05"));
        assertThat(window.firstWholeMonth()).isEqualTo(LocalDate.parse("2025-04-01"));
    }

    @Test
    void shouldTakeTheMonthWholeWhenTheFirstWholeDayIsItsFirst() {
        assertThat(GrowthWindow.since(Instant.parse("2025-03-01T00:00:00Z")).firstWholeMonth())
                .isEqualTo(LocalDate.parse("2025-03-01"));
        assertThat(GrowthWindow.since(Instant.parse("2025-02-28T10:00:00Z")).firstWholeMonth())
                .isEqualTo(LocalDate.parse("2025-03-01"));
        GrowthWindow newYear = GrowthWindow.since(Instant.parse("2024-12-31T23:59:59.999999Z"));
        assertThat(newYear.firstWholeDay()).isEqualTo(LocalDate.parse("2025-01-01"));
        assertThat(newYear.firstWholeMonth()).isEqualTo(LocalDate.parse("2025-01-01"));
    }
}
