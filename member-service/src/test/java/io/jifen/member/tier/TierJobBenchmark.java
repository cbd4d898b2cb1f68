package io.jifen.member.tier;

import static org.assertj.core.api.Assertions.assertThat;

import io.jifen.member.MemberServiceTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The scheduled tier re-evaluation over a million members of one tenant (issue 4: "handles a million members in
 * batches"): every member holds gold granted 14 months ago, half of them earned enough growth in the window to keep
 * it. Reports how long the first run (half downgraded, half confirmed) and the second (nothing due) take, to stdout
 * and {@code target/benchmark-tier-job.md}; asserts only what the job must do. Not part of the suite (no IT suffix):
 * {@code ./mvnw -pl member-service verify -Dit.test=TierJobBenchmark -Dtest=NoSuchTest
 * -Dsurefire.failIfNoSpecifiedTests=false [-Dbench.members=1000000]}.
 */
class TierJobBenchmark extends MemberServiceTestBase {

    private static final int MEMBERS = Integer.getInteger("bench.members", 1_000_000);

    @Autowired
    TierDowngradeJob job;

    @Test
    void measure() throws Exception {
        Tenant tenant = newTenant();
        UUID tenantId = UUID.fromString(tenant.id());
        var ladder = Map.of("tiers", List.of(TierIT.tier("silver", "Silver", 0), TierIT.tier("gold", "Gold", 1000)),
                "qualification", Map.of("basis", "rolling", "windowMonths", 12, "downgradePolicy", "scheduled",
                        "graceDays", 30));
        assertThat(api.put("/api/v1/tiers", tenant.admin(), ladder).status()).isEqualTo(200);
        long loading = System.nanoTime();
        jdbc.update("""
                insert into member (tenant_id, id, name, referral_code, status, tier_code, tier_since, joined_at,
                                    updated_at)
                select ?, gen_random_uuid(), 'Member ' || g, 'B' || g, 'active', 'gold',
                       now() - interval '14 months', now() - interval '2 years', now()
                from generate_series(1, ?) g""", tenantId, MEMBERS);
        jdbc.update("""
                insert into growth_entry (tenant_id, member_id, source, source_ref, growth, amount, occurred_at)
                select tenant_id, id, 'purchase', 'bench-' || id, 1500, 1500, now() - interval '1 month'
                from (select tenant_id, id, row_number() over (order by id) as n from member where tenant_id = ?) m
                where n % 2 = 0""", tenantId);
        // The buckets GrowthLedger.record keeps beside each entry (one entry per member here: no sums needed).
        jdbc.update("""
                insert into growth_bucket (tenant_id, member_id, span, starts_on, growth)
                select tenant_id, member_id, b.span, b.starts_on, growth from growth_entry,
                    lateral (values ('day', (occurred_at at time zone 'UTC')::date),
                                    ('month', date_trunc('month', occurred_at at time zone 'UTC')::date),
                                    ('ever', '-infinity'::date)) b (span, starts_on)
                where tenant_id = ?""", tenantId);
        jdbc.execute("analyze member");
        jdbc.execute("analyze growth_entry");
        jdbc.execute("analyze growth_bucket");
        double loadSeconds = (System.nanoTime() - loading) / 1e9;

        long first = System.nanoTime();
        job.runOnce(Instant.now());
        double firstSeconds = (System.nanoTime() - first) / 1e9;
        long second = System.nanoTime();
        job.runOnce(Instant.now());
        double secondSeconds = (System.nanoTime() - second) / 1e9;

        long silver = count("select count(*) from member where tenant_id = ? and tier_code = 'silver'", tenantId);
        long gold = count("select count(*) from member where tenant_id = ? and tier_code = 'gold'", tenantId);
        long changes = count("select count(*) from tier_history where tenant_id = ? and reason = '"
                + TierReevaluation.REASON + "'", tenantId);
        assertThat(silver).isEqualTo(MEMBERS - MEMBERS / 2);
        assertThat(gold).isEqualTo(MEMBERS / 2);
        assertThat(changes).as("the second run changed nothing").isEqualTo(silver);

        String table = String.join("\n",
                "| tier re-evaluation job, one tenant | result |",
                "|---|---|",
                "| members (all gold, granted 14 months ago; half qualify again) | %,d (loaded in %.0f s) |"
                        .formatted(MEMBERS, loadSeconds),
                "| first run: %,d downgraded + %,d confirmed, batches of 500 | %.0f s (%,.0f members/s) |"
                        .formatted(silver, gold, firstSeconds, MEMBERS / firstSeconds),
                "| second run: nobody due | %.1f s |".formatted(secondSeconds));
        System.out.println("\n" + table + "\n");
        Path out = Path.of("target", "benchmark-tier-job.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table + "\n");
    }

    private long count(String sql, UUID tenantId) {
        return jdbc.queryForObject(sql, Long.class, tenantId);
    }
}
