package io.jifen.points.expiry;

import java.time.LocalDate;
import java.util.List;

/**
 * Unspent points that expire in {@code [from, to)} (dates in the tenant's time zone), per day ({@code 2026-12-31})
 * or month ({@code 2026-12}); periods where nothing expires are left out.
 */
record ExpiryForecast(String granularity, LocalDate from, LocalDate to, String timezone, long total,
        List<Period> periods) {

    record Period(String period, long points) {
    }
}
