package io.jifen.points.expiry;

import io.jifen.points.member.MemberRef;
import io.jifen.points.member.Members;
import io.jifen.points.settings.LedgerSettings;
import io.jifen.tenancy.TenantContext;
import io.jifen.web.ApiException;
import jakarta.validation.constraints.Pattern;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What expires when, for the tenant (its liability running off) or one member. {@code from} defaults to today and
 * {@code to} to a year later; a range over five years is refused.
 */
@RestController
@Validated
@PreAuthorize("hasAnyRole('tenant-admin', 'tenant-staff')")
class ForecastController {

    private static final int MAX_YEARS = 5;

    private final JdbcTemplate jdbc;
    private final LedgerSettings settings;
    private final Members members;

    ForecastController(JdbcTemplate jdbc, LedgerSettings settings, Members members) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.members = members;
    }

    @GetMapping("/api/v1/points/expiry-forecast")
    ExpiryForecast tenant(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "month") @Pattern(regexp = "day|month") String granularity) {
        return forecast(null, from, to, granularity);
    }

    @GetMapping("/api/v1/members/{memberId}/points/expiry-forecast")
    ExpiryForecast member(@PathVariable UUID memberId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "month") @Pattern(regexp = "day|month") String granularity) {
        members.require(MemberRef.byId(memberId));
        return forecast(memberId, from, to, granularity);
    }

    private ExpiryForecast forecast(UUID memberId, LocalDate from, LocalDate to, String granularity) {
        ZoneId zone = settings.current().zone();
        LocalDate start = from == null ? LocalDate.now(zone) : from;
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
