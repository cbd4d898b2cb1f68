package io.jifen.points.expiry;

import io.jifen.events.Outbox;
import io.jifen.points.ledger.Ledger;
import io.jifen.points.settings.LedgerSettings;
import io.jifen.tenancy.AllTenants;
import io.jifen.tenancy.TenantContext;
import io.jifen.tenancy.TenantId;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The lot jobs, across tenants: activate pending lots whose window ended, expire due lots, announce lots about to
 * expire. Each batch is its own transaction inside its tenant's context. Accounts are claimed with
 * {@code FOR UPDATE SKIP LOCKED} before their lots (the ledger's lock order), so two instances, or a job and a
 * spend, never wait on each other in a cycle and never both handle one lot; a lot handled once no longer matches
 * (remaining 0, status active, noticed), so a re-run or a run after a crash only does what is left.
 */
@Service
public class LotJobs {

    private static final Duration LONGEST_NOTICE = Duration.ofDays(365);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Ledger ledger;
    private final LedgerSettings settings;
    private final Outbox outbox;
    private final int batchSize;

    LotJobs(JdbcTemplate jdbc, TransactionTemplate transactions, Ledger ledger, LedgerSettings settings,
            Outbox outbox, @Value("${jifen.points.jobs.batch-size:200}") int batchSize) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.ledger = ledger;
        this.settings = settings;
        this.outbox = outbox;
        this.batchSize = batchSize;
    }

    /** @return the points that became active */
    public long activatePending(Instant now) {
        return forEachTenant("status = 'pending' and pending_until <= ?", () -> batched(() -> {
            long points = 0;
            List<UUID> accounts = claimAccounts("l.status = 'pending' and l.pending_until <= ?", now);
            for (UUID memberId : accounts) {
                for (UUID lotId : jdbc.queryForList("""
                        select id from lot where tenant_id = ? and member_id = ? and status = 'pending'
                          and pending_until <= ? order by pending_until, id""", UUID.class, tenant(), memberId,
                        Timestamp.from(now))) {
                    var posted = ledger.activate(memberId, lotId, null, null);
                    points += posted == null ? 0 : posted.points();
                }
            }
            return new Batch(accounts.size(), points);
        }), Timestamp.from(now));
    }

    /** @return the points expired */
    public long expireDue(Instant now) {
        return forEachTenant("status = 'active' and remaining > 0 and expires_at <= ?", () -> batched(() -> {
            long points = 0;
            List<UUID> accounts = claimAccounts("l.status = 'active' and l.remaining > 0 and l.expires_at <= ?",
                    now);
            for (UUID memberId : accounts) {
                points += ledger.expireDue(memberId, now);
            }
            return new Batch(accounts.size(), points);
        }), Timestamp.from(now));
    }

    /** Emits {@code points.expiring} once per lot entering its tenant's notice period. @return lots noticed */
    public long noticeExpiring(Instant now) {
        return forEachTenant("""
                status = 'active' and remaining > 0 and expiring_noticed_at is null and expires_at > ?
                  and expires_at <= ?""", () -> {
                    Instant horizon = now.plus(Duration.ofDays(settings.current().expiringNoticeDays()));
                    return batched(() -> noticeBatch(now, horizon));
                }, Timestamp.from(now), Timestamp.from(now.plus(LONGEST_NOTICE)));
    }

    private Batch noticeBatch(Instant now, Instant horizon) {
        record Expiring(UUID lotId, UUID memberId, long points, Instant expiresAt) {
        }
        List<Expiring> lots = jdbc.query("""
                select id, member_id, remaining, expires_at from lot
                where tenant_id = ? and status = 'active' and remaining > 0 and expiring_noticed_at is null
                  and expires_at > ? and expires_at <= ?
                order by expires_at, id limit ? for update skip locked""",
                (row, i) -> new Expiring(row.getObject(1, UUID.class), row.getObject(2, UUID.class), row.getLong(3),
                        row.getTimestamp(4).toInstant()), tenant(), Timestamp.from(now), Timestamp.from(horizon),
                batchSize);
        TenantId tenant = TenantContext.require();
        for (Expiring lot : lots) {
            jdbc.update("update lot set expiring_noticed_at = ? where tenant_id = ? and id = ?", Timestamp.from(now),
                    tenant.value(), lot.lotId());
            outbox.append("points.expiring", tenant, new PointsExpiring(lot.memberId(), lot.points(),
                    lot.expiresAt()));
        }
        return new Batch(lots.size(), lots.size());
    }

    /** Locks up to a batch of this tenant's accounts having a lot that matches {@code lotCondition} (alias l). */
    private List<UUID> claimAccounts(String lotCondition, Instant now) {
        return jdbc.queryForList("""
                select a.member_id from account a
                where a.tenant_id = ? and a.point_type = 'points' and exists (
                    select 1 from lot l where l.tenant_id = a.tenant_id and l.member_id = a.member_id
                      and l.point_type = a.point_type and %s)
                order by a.member_id limit ? for update of a skip locked""".formatted(lotCondition), UUID.class,
                tenant(), Timestamp.from(now), batchSize);
    }

    /** What one batch claimed (a full batch means there may be more) and what it did. */
    private record Batch(int claimed, long done) {
    }

    /** Runs transactional batches until one claims less than a full batch (the rest is locked or done). */
    private long batched(Supplier<Batch> work) {
        long total = 0;
        Batch batch;
        do {
            batch = transactions.execute(status -> work.get());
            total += batch.done();
        } while (batch.claimed() >= batchSize);
        return total;
    }

    /** Runs {@code work} in each tenant that has a lot matching {@code lotCondition}. */
    private long forEachTenant(String lotCondition, LongSupplier work, Object... args) {
        List<UUID> tenants = AllTenants.call(() -> jdbc.queryForList(
                "select distinct tenant_id from lot where " + lotCondition, UUID.class, args));
        long[] total = {0};
        for (UUID tenant : tenants) {
            TenantContext.runAs(new TenantId(tenant), () -> total[0] += work.getAsLong());
        }
        return total[0];
    }

    private static UUID tenant() {
        return TenantContext.require().value();
    }
}
