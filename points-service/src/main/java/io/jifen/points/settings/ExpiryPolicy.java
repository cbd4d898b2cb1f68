package io.jifen.points.settings;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.Arrays;

/**
 * When earned points expire. The period ends are the first instant of the next period in the tenant's time zone
 * (points earned in January under {@code end-of-month} with 0 days live until February 1st 00:00 local time).
 */
public enum ExpiryPolicy {
    NEVER, DAYS_AFTER_EARN, END_OF_MONTH, END_OF_QUARTER, END_OF_YEAR;

    public String value() {
        return name().toLowerCase().replace('_', '-');
    }

    public static ExpiryPolicy of(String value) {
        return Arrays.stream(values()).filter(policy -> policy.value().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown expiry policy " + value));
    }

    /**
     * The expiry of points earned at {@code earnedAt}: {@code days} later (calendar days in {@code zone}, so a
     * daylight-saving change does not shift the hour), then for the period policies the end of the period that
     * moment falls in. {@code null} for {@link #NEVER}.
     */
    public Instant expiresAt(Instant earnedAt, int days, ZoneId zone) {
        if (this == NEVER) {
            return null;
        }
        ZonedDateTime after = earnedAt.atZone(zone).plusDays(days);
        LocalDate date = after.toLocalDate();
        LocalDate nextPeriod = switch (this) {
            case DAYS_AFTER_EARN -> null;
            case END_OF_MONTH -> date.withDayOfMonth(1).plusMonths(1);
            case END_OF_QUARTER -> date.with(IsoFields.DAY_OF_QUARTER, 1).plusMonths(3);
            case END_OF_YEAR -> date.withDayOfYear(1).plusYears(1);
            case NEVER -> throw new IllegalStateException();
        };
        return nextPeriod == null ? after.toInstant() : nextPeriod.atStartOfDay(zone).toInstant();
    }
}
