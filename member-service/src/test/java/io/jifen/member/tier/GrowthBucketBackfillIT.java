package io.jifen.member.tier;

import static org.assertj.core.api.Assertions.assertThat;

import io.jifen.infra.Postgres;
import io.jifen.tenancy.TenantId;
import io.jifen.testsupport.TestInfra;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * V7 on a database that already holds growth entries: the buckets it fills sum the entries per UTC day, month and
 * ever, and the ledger carries on from them. The session runs in Shanghai time, so a bucket taken in the session's
 * time zone rather than UTC would show.
 */
class GrowthBucketBackfillIT {

    private static final UUID TENANT = UUID.randomUUID();
    private static final UUID OTHER_TENANT = UUID.randomUUID();
    private static final UUID A = UUID.randomUUID();
    private static final UUID B = UUID.randomUUID();

    @Test
    void shouldFillTheBucketsFromTheEntriesRecordedBeforeIt() {
        SingleConnectionDataSource db = new SingleConnectionDataSource(TestInfra.newDatabase("member_backfill"),
                Postgres.SUPERUSER, "", true);
        JdbcTemplate jdbc = new JdbcTemplate(db);
        jdbc.execute("set time zone 'Asia/Shanghai'");
        migrate(db, "6");
        entry(jdbc, TENANT, A, "purchase", "a-1", 100, "2025-01-31T23:30:00Z");
        entry(jdbc, TENANT, A, "purchase", "a-2", 50, "2025-02-01T00:10:00Z");
        entry(jdbc, TENANT, A, "refund", "a-r", -30, "2025-02-01T08:00:00Z");
        entry(jdbc, TENANT, A, "purchase", "a-3", 7, "2025-02-15T12:00:00Z");
        entry(jdbc, TENANT, B, "purchase", "b-1", 200, "2024-12-31T23:59:59.999999Z");
        entry(jdbc, OTHER_TENANT, A, "purchase", "o-1", 9, "2025-02-01T00:00:00Z");

        migrate(db, "latest");

        assertThat(jdbc.queryForObject("show timezone", String.class)).isEqualTo("Asia/Shanghai");
        assertThat(jdbc.queryForList("""
                select tenant_id || ' ' || member_id || ' ' || span || ' ' || starts_on || ' ' || growth
                from growth_bucket""", String.class)).containsExactlyInAnyOrder(
                row(TENANT, A, "day", "2025-01-31", 100), row(TENANT, A, "day", "2025-02-01", 20),
                row(TENANT, A, "day", "2025-02-15", 7), row(TENANT, A, "month", "2025-01-01", 100),
                row(TENANT, A, "month", "2025-02-01", 27), row(TENANT, B, "day", "2024-12-31", 200),
                row(TENANT, B, "month", "2024-12-01", 200), row(OTHER_TENANT, A, "day", "2025-02-01", 9),
                row(OTHER_TENANT, A, "month", "2025-02-01", 9), row(TENANT, A, "ever", "-infinity", 127),
                row(TENANT, B, "ever", "-infinity", 200), row(OTHER_TENANT, A, "ever", "-infinity", 9));
        GrowthLedger ledger = new GrowthLedger(jdbc);
        TenantId tenant = new TenantId(TENANT);
        assertThat(ledger.since(tenant, List.of(A, B), null)).containsEntry(A, 127L).containsEntry(B, 200L);
        assertThat(ledger.since(tenant, A, Instant.parse("2025-01-31T23:30:00.000001Z"))).isEqualTo(27);
        assertThat(ledger.since(tenant, A, Instant.parse("2025-02-01T00:00:00Z"))).isEqualTo(27);
        assertThat(ledger.since(tenant, A, Instant.parse("2025-02-01T00:10:00Z"))).isEqualTo(27);
        assertThat(ledger.since(tenant, A, Instant.parse("2025-02-01T00:10:00.000001Z"))).as("-30 + 7").isZero();
        assertThat(ledger.since(tenant, A, Instant.parse("2025-02-01T08:00:00.000001Z"))).isEqualTo(7);
        assertThat(ledger.since(tenant, B, Instant.parse("2024-12-31T23:59:59.999999Z"))).isEqualTo(200);
        assertThat(ledger.since(tenant, B, Instant.parse("2025-01-01T00:00:00Z"))).isZero();

        ledger.record(tenant, A, GrowthLedger.Source.PURCHASE, "a-4", new BigDecimal("3.99"),
                Instant.parse("2025-02-20T10:00:00Z"));

        assertThat(ledger.since(tenant, A, null)).isEqualTo(130);
        assertThat(ledger.since(tenant, A, Instant.parse("2025-02-01T08:00:00.000001Z"))).isEqualTo(10);
        db.destroy();
    }

    private static void migrate(DataSource db, String target) {
        Flyway.configure().dataSource(db).locations("classpath:db/migration").target(target).load().migrate();
    }

    /** A row as the ledger of V3 to V6 wrote it (growth_entry alone). */
    private static void entry(JdbcTemplate jdbc, UUID tenant, UUID member, String source, String ref, long growth,
            String at) {
        jdbc.update("""
                insert into growth_entry (tenant_id, member_id, source, source_ref, growth, amount, occurred_at)
                values (?, ?, ?, ?, ?, ?, ?)""", tenant, member, source, ref, growth, Math.abs(growth),
                Timestamp.from(Instant.parse(at)));
    }

    private static String row(UUID tenant, UUID member, String span, String startsOn, long growth) {
        return tenant + " " + member + " " + span + " " + startsOn + " " + growth;
    }
}
