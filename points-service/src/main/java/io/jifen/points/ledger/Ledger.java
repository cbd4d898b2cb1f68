package io.jifen.points.ledger;

import io.jifen.events.Outbox;
import io.jifen.points.ledger.LotAllocator.Consumption;
import io.jifen.points.ledger.LotAllocator.OpenLot;
import io.jifen.tenancy.TenantContext;
import io.jifen.tenancy.TenantId;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The only writer of balances, entries and lots. Every posting locks the account row first ({@code FOR UPDATE}),
 * so postings on one account are serial and the balance is never read-modify-written from a stale copy; the
 * entry, the lots, the projection and the event are written in the caller's transaction.
 * <p>
 * Invariant kept: {@code balance = Σ entries} and {@code Σ remaining of active lots = max(balance, 0)}; a negative
 * balance (a refund debt a tenant allowed) holds no lots, and the next credits repay it before filling a lot.
 * Native SQL throughout, so every statement names the tenant itself.
 */
@Service
@Transactional(propagation = Propagation.MANDATORY)
public class Ledger {

    static final String POINTS = "points";

    private final JdbcTemplate jdbc;
    private final Outbox outbox;

    Ledger(JdbcTemplate jdbc, Outbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    /** Adds points: an entry, a lot holding what is not repaying a debt, and {@code points.earned}. */
    public Posted credit(Posting posting, long points) {
        requirePositive(points);
        TenantId tenant = TenantContext.require();
        long balance = lockAccount(tenant, posting.memberId());
        long after = Math.addExact(balance, points);
        UUID entryId = insertEntry(tenant, posting, points, after);
        long intoLot = Math.min(points, Math.max(0, after));
        jdbc.update("""
                insert into lot (tenant_id, id, member_id, point_type, points, remaining, source_entry_id)
                values (?, ?, ?, ?, ?, ?, ?)""", tenant.value(), UUID.randomUUID(), posting.memberId(), POINTS,
                points, intoLot, entryId);
        boolean earned = posting.kind() == EntryKind.EARN || posting.kind() == EntryKind.ADJUST;
        updateAccount(tenant, posting.memberId(), after, earned ? points : 0, 0);
        outbox.append("points.earned", tenant, new PointsMoved(posting.memberId(), points, entryId,
                posting.reason().value()));
        return new Posted(entryId, points, after);
    }

    /** {@link #credit(Posting, long)} proposed by a plugin channel: the entry is tied to the plugin and channel. */
    public Posted credit(Posting posting, long points, ChannelSource source) {
        Posted posted = credit(posting, points);
        jdbc.update("""
                insert into ledger_entry_channel (tenant_id, entry_id, plugin_id, channel_id, event_id)
                values (?, ?, ?, ?, ?)""", TenantContext.require().value(), posted.entryId(), source.pluginId(),
                source.channelId(), source.eventId());
        return posted;
    }

    /** Takes points from the soonest-expiring lots first, recording which; the overdraft policy decides shortfalls. */
    public Posted debit(Posting posting, long points, Overdraft overdraft) {
        requirePositive(points);
        TenantId tenant = TenantContext.require();
        long balance = lockAccount(tenant, posting.memberId());
        long take = switch (overdraft) {
            case REFUSE -> {
                if (balance < points) {
                    throw new InsufficientPointsException(balance, points);
                }
                yield points;
            }
            case CLAMP -> Math.min(points, Math.max(0, balance));
            case ALLOW -> points;
        };
        if (take == 0) {
            return new Posted(null, 0, balance);
        }
        long after = balance - take;
        UUID entryId = insertEntry(tenant, posting, -take, after);
        consumeLots(tenant, posting.memberId(), entryId, Math.min(take, Math.max(0, balance)));
        updateAccount(tenant, posting.memberId(), after, 0, posting.kind() == EntryKind.SPEND ? take : 0);
        outbox.append(eventType(posting.kind()), tenant, new PointsMoved(posting.memberId(), take, entryId,
                posting.reason().value()));
        return new Posted(entryId, take, after);
    }

    /**
     * Gives back the points of a spend entry to exactly the lots it consumed (their {@code expires_at} untouched,
     * even when it has passed since: expiry takes them then), as one {@code refund} entry that names the spend, so a
     * spend is restored at most once (a unique index; a second try is an {@link IllegalStateException}). Lowers
     * {@code lifetimeSpent} by what it gives back and emits {@code points.restored}.
     * <p>
     * A member in refund debt meanwhile repays it first: the lots get back only what lifts the balance above zero,
     * consumed order first, as with {@link #credit}.
     */
    public Posted restore(UUID spendEntryId, Posting posting) {
        TenantId tenant = TenantContext.require();
        long balance = lockAccount(tenant, posting.memberId());
        List<Long> spent = jdbc.queryForList("""
                select -points from ledger_entry
                where tenant_id = ? and id = ? and member_id = ? and point_type = ? and kind = ?""", Long.class,
                tenant.value(), spendEntryId, posting.memberId(), POINTS, EntryKind.SPEND.value());
        if (spent.isEmpty()) {
            throw new IllegalArgumentException("No spend entry " + spendEntryId + " of member " + posting.memberId());
        }
        long points = spent.getFirst();
        long after = Math.addExact(balance, points);
        UUID entryId = UUID.randomUUID();
        try {
            jdbc.update("""
                    insert into ledger_entry (tenant_id, id, member_id, point_type, kind, points, balance_after, reason,
                                              source_id, note, actor, actor_client, restores_entry_id)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", tenant.value(), entryId, posting.memberId(),
                    POINTS, posting.kind().value(), points, after, posting.reason().value(), posting.sourceId(),
                    posting.note(), posting.actor(), posting.actorClient(), spendEntryId);
        } catch (DuplicateKeyException e) {
            throw new IllegalStateException("Spend entry " + spendEntryId + " was already restored", e);
        }
        long intoLots = Math.max(0, after) - Math.max(0, balance);
        for (Consumption consumption : consumed(tenant, spendEntryId)) {
            long back = Math.min(intoLots, consumption.points());
            if (back > 0) {
                jdbc.update("update lot set remaining = remaining + ? where tenant_id = ? and id = ?",
                        back, tenant.value(), consumption.lotId());
                intoLots -= back;
            }
        }
        updateAccount(tenant, posting.memberId(), after, 0, -points);
        outbox.append("points.restored", tenant, new PointsMoved(posting.memberId(), points, entryId,
                posting.reason().value()));
        return new Posted(entryId, points, after);
    }

    private List<Consumption> consumed(TenantId tenant, UUID entryId) {
        return jdbc.query("""
                select c.lot_id, c.points from lot_consumption c join lot l on l.tenant_id = c.tenant_id and l.id = c.lot_id
                where c.tenant_id = ? and c.entry_id = ?
                order by l.expires_at asc nulls last, l.created_at, l.id
                for update of l""", (row, i) -> new Consumption(row.getObject(1, UUID.class), row.getLong(2)),
                tenant.value(), entryId);
    }

    /**
     * Locks several accounts in one global order (by member id) before a posting touches more than one, so two
     * opposite transfers wait for each other instead of deadlocking.
     */
    public void lockAll(List<UUID> memberIds) {
        TenantId tenant = TenantContext.require();
        memberIds.stream().distinct().sorted().forEach(memberId -> lockAccount(tenant, memberId));
    }

    /** The balance now, without a lock (0 for a member with no account yet). */
    public long balance(UUID memberId) {
        List<Long> balance = jdbc.queryForList(
                "select balance from account where tenant_id = ? and member_id = ? and point_type = ?",
                Long.class, TenantContext.require().value(), memberId, POINTS);
        return balance.isEmpty() ? 0 : balance.getFirst();
    }

    private long lockAccount(TenantId tenant, UUID memberId) {
        jdbc.update("""
                insert into account (tenant_id, member_id, point_type) values (?, ?, ?)
                on conflict do nothing""", tenant.value(), memberId, POINTS);
        Long balance = jdbc.queryForObject("""
                select balance from account where tenant_id = ? and member_id = ? and point_type = ?
                for update""", Long.class, tenant.value(), memberId, POINTS);
        return balance == null ? 0 : balance;
    }

    private UUID insertEntry(TenantId tenant, Posting posting, long points, long balanceAfter) {
        UUID id = UUID.randomUUID();
        jdbc.update("""
                insert into ledger_entry (tenant_id, id, member_id, point_type, kind, points, balance_after, reason,
                                          source_id, note, actor, actor_client)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", tenant.value(), id, posting.memberId(), POINTS,
                posting.kind().value(), points, balanceAfter, posting.reason().value(), posting.sourceId(),
                posting.note(), posting.actor(), posting.actorClient());
        return id;
    }

    private void consumeLots(TenantId tenant, UUID memberId, UUID entryId, long points) {
        if (points == 0) {
            return;
        }
        List<OpenLot> lots = jdbc.query("""
                select id, remaining from lot
                where tenant_id = ? and member_id = ? and point_type = ? and remaining > 0
                  and (expires_at is null or expires_at > now())
                order by expires_at asc nulls last, created_at, id
                for update""", (row, i) -> new OpenLot(row.getObject("id", UUID.class), row.getLong("remaining")),
                tenant.value(), memberId, POINTS);
        for (Consumption consumption : LotAllocator.allocate(lots, points)) {
            jdbc.update("update lot set remaining = remaining - ? where tenant_id = ? and id = ?",
                    consumption.points(), tenant.value(), consumption.lotId());
            jdbc.update("insert into lot_consumption (tenant_id, entry_id, lot_id, points) values (?, ?, ?, ?)",
                    tenant.value(), entryId, consumption.lotId(), consumption.points());
        }
    }

    private void updateAccount(TenantId tenant, UUID memberId, long balance, long earned, long spent) {
        jdbc.update("""
                update account set balance = ?, lifetime_earned = lifetime_earned + ?,
                                   lifetime_spent = lifetime_spent + ?, version = version + 1, updated_at = now()
                where tenant_id = ? and member_id = ? and point_type = ?""",
                balance, earned, spent, tenant.value(), memberId, POINTS);
    }

    private static String eventType(EntryKind kind) {
        return switch (kind) {
            case SPEND -> "points.redeemed";
            case EXPIRE -> "points.expired";
            default -> "points.reversed";
        };
    }

    private static void requirePositive(long points) {
        if (points <= 0) {
            throw new IllegalArgumentException("A posting moves a positive number of points, not " + points);
        }
    }
}
