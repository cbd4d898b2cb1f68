package io.jifen.member.tier;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A qualification window, "since {@code from}", cut along the UTC day and month buckets of {@code growth_bucket}:
 * the entries from {@code from} to the end of its day, then whole day buckets up to the first whole month, then whole
 * month buckets with no end (an entry dated in the future counts, as it always did). The three parts cover exactly
 * the entries on or after {@code from}, and none of them grows with the member's history: at most one day of
 * entries, a month of days, and the window's months.
 *
 * @param firstWholeDay   the first day that lies wholly in the window ({@code from}'s own day if it starts at midnight)
 * @param firstWholeMonth the first month that lies wholly in the window, as its first day
 */
record GrowthWindow(Instant from, LocalDate firstWholeDay, LocalDate firstWholeMonth) {

    static GrowthWindow since(Instant from) {
        LocalDate day = LocalDate.ofInstant(from, ZoneOffset.UTC);
        LocalDate firstWholeDay = startOf(day).equals(from) ? day : day.plusDays(1);
        LocalDate firstWholeMonth = firstWholeDay.getDayOfMonth() == 1 ? firstWholeDay
                : firstWholeDay.withDayOfMonth(1).plusMonths(1);
        return new GrowthWindow(from, firstWholeDay, firstWholeMonth);
    }

    /** Where the entries read one by one end. */
    Instant firstWholeDayStart() {
        return startOf(firstWholeDay);
    }

    private static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
