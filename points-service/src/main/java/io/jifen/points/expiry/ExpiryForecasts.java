package io.jifen.points.expiry;

import io.jifen.points.settings.LedgerSettings;
import io.jifen.tenancy.TenantContext;
import io.jifen.web.ApiException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sums the unspent points of active lots by the day or month they expire, in the tenant's time zone. {@code from}
 * defaults to today and {@code to} to a year later; a range over five years is refused.
 */
@Service
@Transactional(readOnly = true)
class ExpiryForecasts {

    private static final int MAX_YEARS = 5;
    // Beyond these a date is a typo, and far enough out the date arithmetic itself would overflow.
    private static final int FIRST_YEAR = 1970;
    private static final int LAST_YEAR = 9999;

    private final JdbcTemplate jdbc;
    private final LedgerSettings settings;

    ExpiryForecasts(JdbcTemplate jdbc, LedgerSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /** @param memberId one member's lots; {@code null}: the whole tenant's */
    ExpiryForecast forecast(UUID memberId, LocalDate from, LocalDate to, String granularity) {
        ZoneId zone = settings.current().zone();
        LocalDate start = from == null ? LocalDate.now(zone) : from;
        if (start.getYear() < FIRST_YEAR || start.getYear() > LAST_YEAR || (to != null
                && (to.getYear() < FIRST_YEAR || to.getYear() > LAST_YEAR))) {
            throw ApiException.badRequest("invalid_parameter",
                    "'from' and 'to' are dates in the years " + FIRST_YEAR + "-" + LAST_YEAR);
        }
        LocalDate end = to == null ? start.plusYears(1) : to;
        if (!end.isAfter(start) || end.isAfter(start.plusYears(MAX_YEARS))) {
            throw ApiException.badRequest("invalid_parameter",
                    "'to' must be after 'from' and at most " + MAX_YEARS + " years later");
        }
        StringBuilder sql = new StringBuilder("""
                select to_char(expires_at at time zone ?, ?) as period, sum(remaining) from lot
                where tenant_id = ? and point_type = 'points' and status = 'active' and remaining > 0
                  and expires_at >= ? and expires_at < ?""");
        List<Object> args = new ArrayList<>(List.of(zone.getId(), "day".equals(granularity) ? "YYYY-MM-DD"
                : "YYYY-MM", TenantContext.require().value(), Timestamp.from(start.atStartOfDay(zone).toInstant()),
                Timestamp.from(end.atStartOfDay(zone).toInstant())));
        if (memberId != null) {
            sql.append(" and member_id = ?");
            args.add(memberId);
        }
        sql.append(" group by 1 order by 1");
        List<ExpiryForecast.Period> periods = jdbc.query(sql.toString(),
                (row, i) -> new ExpiryForecast.Period(row.getString(1), row.getLong(2)), args.toArray());
        return new ExpiryForecast(granularity, start, end, zone.getId(),
                periods.stream().mapToLong(ExpiryForecast.Period::points).sum(), periods);
    }
}
