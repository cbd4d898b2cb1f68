package io.jifen.points.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ExpiryPolicyTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void shouldNeverExpireUnderNever() {
        assertThat(ExpiryPolicy.NEVER.expiresAt(Instant.parse("2026-01-15T10:00:00Z"), 30, ZoneOffset.UTC)).isNull();
    }

    @Test
    void shouldExpireTheGivenDaysAfterEarningKeepingTheLocalHourAcrossDaylightSaving() {
        // 2026-03-20 12:00 in Berlin is 11:00Z (CET); 30 days later Berlin is on CEST, so 12:00 local is 10:00Z.
        assertThat(ExpiryPolicy.DAYS_AFTER_EARN.expiresAt(Instant.parse("2026-03-20T11:00:00Z"), 30, BERLIN))
                .isEqualTo(Instant.parse("2026-04-19T10:00:00Z"));
        assertThat(ExpiryPolicy.DAYS_AFTER_EARN.expiresAt(Instant.parse("2026-03-20T11:00:00Z"), 30,
                ZoneOffset.UTC)).isEqualTo(Instant.parse("2026-04-19T11:00:00Z"));
    }

    @Test
    void shouldExpireAtTheStartOfTheNextMonthInTheTenantsZone() {
        // 2026-01-31 20:00Z is already February 1st in Shanghai (UTC+8): the month that ends is February.
        Instant earned = Instant.parse("2026-01-31T20:00:00Z");
        assertThat(ExpiryPolicy.END_OF_MONTH.expiresAt(earned, 0, SHANGHAI))
                .isEqualTo(Instant.parse("2026-02-28T16:00:00Z"));
        assertThat(ExpiryPolicy.END_OF_MONTH.expiresAt(earned, 0, ZoneOffset.UTC))
                .isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
    }

    @Test
    void shouldCountTheDaysBeforeLookingForTheMonthEndAndHandleShortMonths() {
        // January 31st + 30 days = March 2nd (2026 is not a leap year): the month that ends is March.
        assertThat(ExpiryPolicy.END_OF_MONTH.expiresAt(Instant.parse("2026-01-31T12:00:00Z"), 30, ZoneOffset.UTC))
                .isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
        // 2028 is: January 30th + 30 days = February 29th, still February.
        assertThat(ExpiryPolicy.END_OF_MONTH.expiresAt(Instant.parse("2028-01-30T12:00:00Z"), 30, ZoneOffset.UTC))
                .isEqualTo(Instant.parse("2028-03-01T00:00:00Z"));
    }

    @Test
    void shouldExpireAtTheEndOfTheQuarter() {
        assertThat(ExpiryPolicy.END_OF_QUARTER.expiresAt(Instant.parse("2026-02-10T00:00:00Z"), 0, ZoneOffset.UTC))
                .isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
        assertThat(ExpiryPolicy.END_OF_QUARTER.expiresAt(Instant.parse("2026-03-31T23:00:00Z"), 0, ZoneOffset.UTC))
                .isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
        assertThat(ExpiryPolicy.END_OF_QUARTER.expiresAt(Instant.parse("2026-11-20T00:00:00Z"), 90, BERLIN))
                .isEqualTo(Instant.parse("2027-03-31T22:00:00Z"));
    }

    @Test
    void shouldExpireAtTheEndOfTheYearInTheTenantsZone() {
        // New Year's Eve 17:00Z is already 2027 in Shanghai: the year that ends is 2027.
        Instant earned = Instant.parse("2026-12-31T17:00:00Z");
        assertThat(ExpiryPolicy.END_OF_YEAR.expiresAt(earned, 0, SHANGHAI))
                .isEqualTo(Instant.parse("2027-12-31T16:00:00Z"));
        assertThat(ExpiryPolicy.END_OF_YEAR.expiresAt(earned, 0, ZoneOffset.UTC))
                .isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(ExpiryPolicy.END_OF_YEAR.expiresAt(earned, 365, ZoneOffset.UTC))
                .isEqualTo(Instant.parse("2028-01-01T00:00:00Z"));
    }

    @Test
    void shouldReadAndWriteThePolicyNamesOfTheApi() {
        assertThat(ExpiryPolicy.of("end-of-quarter")).isEqualTo(ExpiryPolicy.END_OF_QUARTER);
        assertThat(ExpiryPolicy.DAYS_AFTER_EARN.value()).isEqualTo("days-after-earn");
        assertThatThrownBy(() -> ExpiryPolicy.of("end-of-week")).isInstanceOf(IllegalArgumentException.class);
    }
}
