package io.jifen.member.care;

import io.jifen.events.Outbox;
import io.jifen.tenancy.TenantContext;
import io.jifen.tenancy.TenantId;
import java.time.LocalDate;
import java.time.Month;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One batch of one day's greetings of the current tenant, in one transaction: each {@code member_greeting} row and its
 * outbox event commit together, and a member already greeted this year is skipped (a concurrent run's insert
 * conflicts and emits nothing). Members born (or who joined) on 29 February are greeted on the 28th in common years.
 * Closed members are not greeted. Plain SQL: the tenant is explicit.
 */
@Service
class MemberGreetings {

    // Local month-day (month × 100 + day) of the member's date, or 229 on a common year's 28 February; not greeted
    // this year. %1$s is the date, %2$s its month-day: for birthdays the indexed member.birthday_md (V9).
    private static final String DUE = """
            select m.id, extract(year from %1$s)::int from member m
            where m.tenant_id = ? and m.status <> 'closed' and %2$s is not null
              and (%2$s = ? or (? and %2$s = 229))
              and extract(year from %1$s) < ?
              and not exists (select 1 from member_greeting g where g.tenant_id = m.tenant_id and g.member_id = m.id
                              and g.kind = ? and g.year = ?)
            order by m.id limit ?""";

    private static final String GREET = """
            insert into member_greeting (tenant_id, member_id, kind, year, sent_at) values (?, ?, ?, ?, now())
            on conflict do nothing""";

    private final JdbcTemplate jdbc;
    private final Outbox outbox;

    MemberGreetings(JdbcTemplate jdbc, Outbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    /** @return how many members this batch looked at (0: the day is done) */
    @Transactional
    int birthdays(LocalDate today, int limit) {
        return greet("birthday", "m.birthday", "m.birthday_md", today, limit, (member, since) ->
                new MemberBirthday(member, today));
    }

    /** @return how many members this batch looked at (0: the day is done) */
    @Transactional
    int anniversaries(LocalDate today, String zone, int limit) {
        // The zone is a validated java.time id (TenantTimezones), never client text, so it may be inlined.
        String joined = "(m.joined_at at time zone '" + zone + "')::date";
        String monthDay = "(extract(month from " + joined + ") * 100 + extract(day from " + joined + "))::int";
        return greet("anniversary", joined, monthDay, today, limit, (member, since) ->
                new MemberAnniversary(member, today.getYear() - since, today));
    }

    private int greet(String kind, String date, String monthDay, LocalDate today, int limit, Payload payload) {
        TenantId tenant = TenantContext.require();
        List<Due> due = jdbc.query(DUE.formatted(date, monthDay), (rs, i) -> new Due(rs.getObject(1, UUID.class),
                rs.getInt(2)), tenant.value(), today.getMonthValue() * 100 + today.getDayOfMonth(),
                leapDayStandIn(today), today.getYear(), kind, today.getYear(), limit);
        for (Due member : due) {
            if (jdbc.update(GREET, tenant.value(), member.id(), kind, today.getYear()) == 1) {
                outbox.append("member." + kind, tenant, payload.of(member.id(), member.since()));
            }
        }
        return due.size();
    }

    private static boolean leapDayStandIn(LocalDate today) {
        return today.getMonth() == Month.FEBRUARY && today.getDayOfMonth() == 28 && !today.isLeapYear();
    }

    private record Due(UUID id, int since) {
    }

    private interface Payload {
        Object of(UUID memberId, int sinceYear);
    }

    /** {@code member.birthday}: {@code date} is the tenant-local day it is celebrated on. */
    record MemberBirthday(UUID memberId, LocalDate date) {
    }

    /** {@code member.anniversary}: {@code years} of membership completed on {@code date}. */
    record MemberAnniversary(UUID memberId, int years, LocalDate date) {
    }
}
