package io.jifen.member.care;

import io.jifen.tenancy.AllTenants;
import io.jifen.tenancy.TenantContext;
import io.jifen.tenancy.TenantId;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Emits {@code member.birthday} and {@code member.anniversary} for each tenant's local "today". Runs hourly, so every
 * tenant's midnight is followed within the hour whatever its zone; re-runs within the day find nobody left
 * ({@code member_greeting}), which is also what makes it exactly once across restarts and instances.
 */
@Component
class MemberGreetingJob {

    private static final Logger log = LoggerFactory.getLogger(MemberGreetingJob.class);
    private static final int BATCH = 500;

    // The distinct tenants of member by a loose index scan of its primary key (one probe per tenant, not a scan of
    // every member: PostgreSQL has no skip scan).
    private static final String TENANTS_WITH_MEMBERS = """
            with recursive t as (
                (select tenant_id from member order by tenant_id limit 1)
                union all
                select (select m.tenant_id from member m where m.tenant_id > t.tenant_id order by m.tenant_id limit 1)
                from t where t.tenant_id is not null)
            select t.tenant_id, z.timezone from t left join tenant_timezone z on z.tenant_id = t.tenant_id
            where t.tenant_id is not null""";

    private final JdbcTemplate jdbc;
    private final MemberGreetings greetings;
    private final ZoneId defaultZone;

    MemberGreetingJob(JdbcTemplate jdbc, MemberGreetings greetings,
            @Value("${jifen.member.default-timezone}") String defaultZone) {
        this.jdbc = jdbc;
        this.greetings = greetings;
        this.defaultZone = ZoneId.of(defaultZone);
    }

    @Scheduled(cron = "${jifen.member.greetings.cron:0 5 * * * *}", zone = "UTC")
    void run() {
        runOnce(Instant.now());
    }

    /** Greets every tenant's members whose day it is at {@code now} in the tenant's zone. */
    void runOnce(Instant now) {
        List<TenantZone> tenants = AllTenants.call(() -> jdbc.query(TENANTS_WITH_MEMBERS,
                (rs, i) -> new TenantZone(rs.getObject(1, UUID.class), zone(rs.getString(2)))));
        for (TenantZone tenant : tenants) {
            LocalDate today = LocalDate.ofInstant(now, tenant.zone());
            try {
                TenantContext.runAs(new TenantId(tenant.id()), () -> greet(today, tenant.zone()));
            } catch (RuntimeException e) {
                log.warn("Greetings of tenant {} for {} stopped; the next run continues", tenant.id(), today, e);
            }
        }
    }

    private void greet(LocalDate today, ZoneId zone) {
        while (greetings.birthdays(today, BATCH) > 0) {
            // next batch
        }
        while (greetings.anniversaries(today, zone.getId(), BATCH) > 0) {
            // next batch
        }
    }

    private ZoneId zone(String id) {
        try {
            return id == null ? defaultZone : ZoneId.of(id);
        } catch (DateTimeException e) {
            return defaultZone;
        }
    }

    private record TenantZone(UUID id, ZoneId zone) {
    }
}
