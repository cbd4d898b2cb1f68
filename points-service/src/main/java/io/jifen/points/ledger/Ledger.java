package io.jifen.points.ledger;

import io.jifen.events.Outbox;
import io.jifen.events.TimeOrderedUuids;
import io.jifen.points.ledger.LotAllocator.Consumption;
import io.jifen.points.ledger.LotAllocator.OpenLot;
import io.jifen.points.settings.LedgerSettings;
import io.jifen.points.transaction.SqlArray;
import io.jifen.points.transaction.TransactionMemo;
import io.jifen.tenancy.TenantContext;
import io.jifen.tenancy.TenantId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The only writer of balances, entries and lots. Every posting locks the account row first ({@code FOR UPDATE}),
 * so postings on one account are serial and the balance is never read-modify-written from a stale copy; the
 * entry, the lots, the projection and the event are written in the caller's transaction.
 * <p>
 * Invariant kept: {@code balance = Σ entries} and {@code Σ remaining of active lots = max(balance, 0)}; a negative
 * balance (a refund debt a tenant allowed) holds no lots, and the next credits repay it before filling a lot.
 * Native SQL throughout, so every statement names the tenant itself.
 * <p>
 * Lots have a status: only {@code active} lots count in the balance and are ever consumed. {@code pending} (a return
 * window) and {@code held} (velocity review) lots have no entry yet; their remaining is {@code account.pending}
 * until they are activated (an earn entry, the lot becomes active) or cancelled. An active lot past its
 * {@code expires_at} still counts until an {@code expire} entry takes its remaining out: the expiry job does that,
 * and so does every debit first for its own account, so a spend never uses an expired lot.
 */
@Service
@Transactional(propagation = Propagation.MANDATORY)
public class Ledger {

    public static final String POINTS = "points";

    private static final String DEFERRED = "ledger.deferred-credits";

    private final JdbcTemplate jdbc;
    private final Outbox outbox;
    private final LedgerSettings settings;
    private final Clock clock;
    private final TransactionMemo memo;
    private final Restorations restorations;

    Ledger(JdbcTemplate jdbc, Outbox outbox, LedgerSettings settings, Clock clock, TransactionMemo memo) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.settings = settings;
        this.clock = clock;
        this.memo = memo;
        this.restorations = new Restorations(jdbc);
    }

    /**
     * Adds points: an entry, a lot holding what is not repaying a debt, and {@code points.earned}. An earn-kind
     * credit's lot expires as the tenant's expiry policy says now; other credits (adjustments, transfers) never.
     */
    public Posted credit(Posting posting, long points) {
        return credit(posting, points, posting.kind() == EntryKind.EARN ? earnedNowExpiry() : null);
    }

    /** {@link #credit(Posting, long)} with an explicit expiry ({@code null}: never), for imports and channels. */
    public Posted credit(Posting posting, long points, Instant expiresAt) {
        return post(plan(posting, points, expiresAt));
    }

    /**
     * A credit planned: its entry and lot ids, its expiry and its {@code points.earned} event, all it has before its
     * account is locked; {@link #post} locks the account and works out the balance.
     */
    public record Planned(UUID entryId, UUID lotId, Posting posting, long points, Instant expiresAt) {
    }

    /**
     * The part of a credit that needs no account lock (see {@link Planned}). A batch plans its purchases' credits
     * before it locks their accounts, so that concurrent batches over the same members hold those locks as briefly as
     * possible.
     */
    public Planned plan(Posting posting, long points, Instant expiresAt) {
        requirePositive(points);
        UUID entryId = TimeOrderedUuids.next();
        outbox.append("points.earned", TenantContext.require(), new PointsMoved(posting.memberId(), points, entryId,
                posting.reason().value()));
        return new Planned(entryId, TimeOrderedUuids.next(), posting, points, expiresAt);
    }

    /** Posts a planned credit: locks its account (once per transaction) and credits it as {@link #credit} does. */
    public Posted post(Planned planned) {
        TenantId tenant = TenantContext.require();
        UUID memberId = planned.posting().memberId();
        long after = Math.addExact(lockAccount(tenant, memberId), planned.points());
        Credit credit = new Credit(planned.entryId(), planned.lotId(), planned.posting(), planned.points(), after,
                Math.min(planned.points(), Math.max(0, after)), planned.expiresAt());
        DeferredCredits deferred = deferred();
        if (deferred != null) {
            deferred.add(tenant, credit);
        } else {
            write(tenant, credit);
        }
        memo.put(lockKey(memberId), after);
        return new Posted(planned.entryId(), planned.points(), after);
    }

    /**
     * One credit: its entry, its lot (what is not repaying a debt) and the balance after it. Its expiry is kept to the
     * microsecond as PostgreSQL keeps it, rounded half up as the JDBC driver rounds a timestamp, so a credit written
     * alone and one written with others (its time sent as text) store the same instant.
     */
    private record Credit(UUID entryId, UUID lotId, Posting posting, long points, long balanceAfter, long intoLot,
            Instant expiresAt) {

        Credit {
            expiresAt = expiresAt == null ? null : expiresAt.plusNanos(500).truncatedTo(ChronoUnit.MICROS);
        }

        boolean earned() {
            return posting.kind() == EntryKind.EARN || posting.kind() == EntryKind.ADJUST;
        }
    }

    /** The entry, its lot and the balance in one statement: one round trip for the most frequent posting. */
    private void write(TenantId tenant, Credit credit) {
        Posting posting = credit.posting();
        // The lot's foreign key to the entry is checked at the end of the statement, when both rows exist.
        jdbc.update("""
                with entry as (
                    insert into ledger_entry (tenant_id, id, member_id, point_type, kind, points, balance_after, reason,
                                              source_id, note, actor, actor_client)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ), earned_lot as (
                    insert into lot (tenant_id, id, member_id, point_type, points, remaining, source_entry_id,
                                     expires_at, status, kind, reason, source_id)
                    values (?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?)
                )
                update account set balance = ?, lifetime_earned = lifetime_earned + ?, version = version + 1,
                                   updated_at = now()
                where tenant_id = ? and member_id = ? and point_type = ?""",
                tenant.value(), credit.entryId(), posting.memberId(), POINTS, posting.kind().value(), credit.points(),
                credit.balanceAfter(), posting.reason().value(), posting.sourceId(), posting.note(), posting.actor(),
                posting.actorClient(),
                tenant.value(), credit.lotId(), posting.memberId(), POINTS, credit.points(), credit.intoLot(),
                credit.entryId(), timestamp(credit.expiresAt()), posting.kind().value(), posting.reason().value(),
                posting.sourceId(),
                credit.balanceAfter(), credit.earned() ? credit.points() : 0, tenant.value(), posting.memberId(),
                POINTS);
    }

    /**
     * From here until {@link #flushCredits} (at the latest, just before the transaction commits), this
     * transaction's credits are gathered and then written together: one statement for all their entries, lots and
     * accounts, however many there are (a batch of purchases). Everything else the ledger does writes the gathered
     * credits first, so it never reads a table without them; and as the balances of locked accounts are kept in
     * memory, {@link #balance} and the next posting see them at once.
     */
    public void deferCredits() {
        if (deferred() == null) {
            DeferredCredits deferred = new DeferredCredits();
            memo.put(DEFERRED, deferred);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    Ledger.this.flush(deferred);
                }
            });
        }
    }

    /** Writes the credits gathered since {@link #deferCredits} (nothing when none are). */
    public void flushCredits() {
        DeferredCredits deferred = deferred();
        if (deferred != null) {
            flush(deferred);
        }
    }

    private DeferredCredits deferred() {
        return memo.get(DEFERRED, () -> null);
    }

    /** This transaction's credits not written yet, in posting order. */
    private static final class DeferredCredits {

        private TenantId tenant;
        private final List<Credit> credits = new ArrayList<>();
        // Earn-kind points per member among them: the velocity guard asks for each purchase of a batch.
        private final Map<UUID, Long> earned = new HashMap<>();

        void add(TenantId of, Credit credit) {
            if (tenant != null && !tenant.equals(of)) {
                throw new IllegalStateException("Deferred credits of two tenants in one transaction");
            }
            tenant = of;
            credits.add(credit);
            if (credit.posting().kind() == EntryKind.EARN) {
                earned.merge(credit.posting().memberId(), credit.points(), Long::sum);
            }
        }

        List<Credit> take() {
            List<Credit> taken = List.copyOf(credits);
            credits.clear();
            earned.clear();
            return taken;
        }
    }

    /**
     * The gathered credits in one statement: their entries, their lots and their accounts' balances, each credit's
     * columns sent once for both its entry and its lot (one round trip instead of three while the batch holds its
     * members' account locks).
     */
    private void flush(DeferredCredits deferred) {
        if (deferred.credits.isEmpty()) {
            return;
        }
        List<Credit> credits = deferred.take();
        UUID tenant = deferred.tenant.value();
        // Per account: the balance after its last credit, what its credits earned, how many there were.
        Map<UUID, long[]> accounts = new TreeMap<>();
        for (Credit credit : credits) {
            long[] account = accounts.computeIfAbsent(credit.posting().memberId(), id -> new long[3]);
            account[0] = credit.balanceAfter();
            account[1] += credit.earned() ? credit.points() : 0;
            account[2]++;
        }
        // The lots' check that their entries exist runs at the end of the statement, when both are written.
        jdbc.update("""
                with credit as (
                    select * from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::int8[], ?::int8[], ?::int8[],
                                         ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                         with ordinality as c(entry_id, lot_id, member_id, kind, points, balance_after, into_lot,
                                              expires_at, reason, source_id, note, actor, actor_client, n)
                ), entry as (
                    insert into ledger_entry (tenant_id, id, member_id, point_type, kind, points, balance_after, reason,
                                              source_id, note, actor, actor_client)
                    select ?, entry_id, member_id, ?, kind, points, balance_after, reason, source_id, note, actor,
                           actor_client
                    from credit order by n
                ), earned_lot as (
                    insert into lot (tenant_id, id, member_id, point_type, points, remaining, source_entry_id,
                                     expires_at, status, kind, reason, source_id)
                    select ?, lot_id, member_id, ?, points, into_lot, entry_id, expires_at::timestamptz, 'active', kind,
                           reason, source_id
                    from credit order by n
                )
                update account a set balance = t.balance, lifetime_earned = a.lifetime_earned + t.earned,
                                     version = a.version + t.credits, updated_at = now()
                from unnest(?::uuid[], ?::int8[], ?::int8[], ?::int8[]) as t(member_id, balance, earned, credits)
                where a.tenant_id = ? and a.member_id = t.member_id and a.point_type = ?""", SqlArray.bind(
                SqlArray.column("uuid", credits, Credit::entryId),
                SqlArray.column("uuid", credits, Credit::lotId),
                SqlArray.column("uuid", credits, c -> c.posting().memberId()),
                SqlArray.column("text", credits, c -> c.posting().kind().value()),
                SqlArray.column("int8", credits, Credit::points),
                SqlArray.column("int8", credits, Credit::balanceAfter),
                SqlArray.column("int8", credits, Credit::intoLot),
                SqlArray.column("text", credits, c -> c.expiresAt() == null ? null : c.expiresAt().toString()),
                SqlArray.column("text", credits, c -> c.posting().reason().value()),
                SqlArray.column("text", credits, c -> c.posting().sourceId()),
                SqlArray.column("text", credits, c -> c.posting().note()),
                SqlArray.column("text", credits, c -> c.posting().actor()),
                SqlArray.column("text", credits, c -> c.posting().actorClient()),
                tenant, POINTS, tenant, POINTS,
                SqlArray.of("uuid", accounts.keySet()),
                SqlArray.column("int8", accounts.values(), account -> account[0]),
                SqlArray.column("int8", accounts.values(), account -> account[1]),
                SqlArray.column("int8", accounts.values(), account -> account[2]), tenant, POINTS));
    }

    /** {@link #credit(Posting, long)} proposed by a plugin channel: the entry is tied to the plugin and channel. */
    public Posted credit(Posting posting, long points, ChannelSource source) {
        return credit(posting, points, posting.kind() == EntryKind.EARN ? earnedNowExpiry() : null, source);
    }

    /** {@link #credit(Posting, long, ChannelSource)} with an explicit expiry ({@code null}: never). */
    public Posted credit(Posting posting, long points, Instant expiresAt, ChannelSource source) {
        Posted posted = credit(posting, points, expiresAt);
        flushCredits();
        jdbc.update("""
                insert into ledger_entry_channel (tenant_id, entry_id, plugin_id, channel_id, event_id)
                values (?, ?, ?, ?, ?)""", TenantContext.require().value(), posted.entryId(), source.pluginId(),
                source.channelId(), source.eventId());
        return posted;
    }

    /** Takes points from the soonest-expiring lots first, recording which; the overdraft policy decides shortfalls. */
    public Posted debit(Posting posting, long points, Overdraft overdraft) {
        requirePositive(points);
        flushCredits();
        TenantId tenant = TenantContext.require();
        long balance = expireDue(tenant, posting.memberId(), lockAccount(tenant, posting.memberId()),
                clock.instant());
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
     * Gives back what is left of a spend entry ({@link #restore(UUID, Posting, long)} of all of it): a whole
     * restore, as a cancelled redemption or an explicit payment reversal makes.
     *
     * @throws IllegalStateException when nothing of the spend is left to give back (restored before)
     */
    public Posted restore(UUID spendEntryId, Posting posting) {
        Posted restored = restore(spendEntryId, posting, Long.MAX_VALUE);
        if (restored.entryId() == null) {
            throw new IllegalStateException("Spend entry " + spendEntryId + " was already restored");
        }
        return restored;
    }

    /**
     * Gives back up to {@code points} of a spend entry to exactly the lots it consumed (their {@code expires_at}
     * untouched, even when it has passed since: expiry takes them then), soonest-expiring first, as one
     * {@code refund} entry that names the spend. Each lot gets back at most what the spend took from it less what
     * earlier restores gave back ({@code lot_restoration}), so the parts of a spend never add up to more than it.
     * Lowers {@code lifetimeSpent} by what it gives back and emits {@code points.restored}.
     * <p>
     * A member in refund debt meanwhile repays it first: the lots get back only what lifts the balance above zero,
     * in the same order, as with {@link #credit}.
     *
     * @return what was given back: fewer than {@code points} when less is left, none ({@code entryId null}) when
     *         nothing is
     */
    public Posted restore(UUID spendEntryId, Posting posting, long points) {
        requirePositive(points);
        flushCredits();
        TenantId tenant = TenantContext.require();
        long balance = lockAccount(tenant, posting.memberId());
        if (!restorations.isSpend(tenant, spendEntryId, posting.memberId())) {
            throw new IllegalArgumentException("No spend entry " + spendEntryId + " of member " + posting.memberId());
        }
        List<OpenLot> restorable = restorations.restorable(tenant, spendEntryId);
        long take = Math.min(points, restorable.stream().mapToLong(OpenLot::remaining).sum());
        if (take == 0) {
            return new Posted(null, 0, balance);
        }
        long after = Math.addExact(balance, take);
        UUID entryId = insertEntry(tenant, posting, take, after, spendEntryId);
        long intoLots = Math.max(0, after) - Math.max(0, balance);
        for (Consumption part : LotAllocator.allocate(restorable, take)) {
            long back = Math.min(intoLots, part.points());
            if (back > 0) {
                jdbc.update("update lot set remaining = remaining + ? where tenant_id = ? and id = ?",
                        back, tenant.value(), part.lotId());
                intoLots -= back;
            }
            restorations.record(tenant, entryId, spendEntryId, part);
        }
        updateAccount(tenant, posting.memberId(), after, 0, -take);
        outbox.append("points.restored", tenant, new PointsMoved(posting.memberId(), take, entryId,
                posting.reason().value()));
        return new Posted(entryId, take, after);
    }

    /**
     * Writes an {@code expire} entry for each of this account's active lots whose expiry is at or before
     * {@code now}, taking exactly the lot's remaining (spent points are no longer in it), and {@code points.expired}.
     *
     * @return the points expired (0 when nothing was due: running it again changes nothing)
     */
    public long expireDue(UUID memberId, Instant now) {
        flushCredits();
        TenantId tenant = TenantContext.require();
        long balance = lockAccount(tenant, memberId);
        return balance - expireDue(tenant, memberId, balance, now);
    }

    /**
     * Parks earned points for a return window: a {@code pending} lot, no entry, no balance change; the account's
     * {@code pending} grows. The activation job makes it active from {@code pendingUntil} on.
     */
    public UUID holdPending(Posting posting, long points, Instant pendingUntil) {
        return park(posting, points, "pending", pendingUntil);
    }

    /** Parks earned points for a tenant admin's review (a {@code held} lot, counted in {@code pending}). */
    public UUID holdForReview(Posting posting, long points) {
        return park(posting, points, "held", null);
    }

    /**
     * Makes a pending or held lot active: the earn entry it was waiting for (with {@code actor} when a person
     * decided it), the balance, the expiry the policy gives points earned now, and {@code points.earned}.
     *
     * @return what was posted; {@code null} when the lot is no longer waiting (activated or cancelled before)
     */
    public Posted activate(UUID memberId, UUID lotId, String actor, String actorClient) {
        flushCredits();
        TenantId tenant = TenantContext.require();
        long balance = lockAccount(tenant, memberId);
        List<Waiting> waiting = jdbc.query("""
                select kind, reason, source_id, remaining from lot
                where tenant_id = ? and id = ? and member_id = ? and status in ('pending', 'held') for update""",
                (row, i) -> new Waiting(new Posting(memberId, EntryKind.of(row.getString(1)),
                        Reason.of(row.getString(2)), row.getString(3), null, actor, actorClient), row.getLong(4)),
                tenant.value(), lotId, memberId);
        if (waiting.isEmpty()) {
            return null;
        }
        Posting posting = waiting.getFirst().posting();
        long points = waiting.getFirst().points();
        long after = Math.addExact(balance, points);
        UUID entryId = insertEntry(tenant, posting, points, after);
        jdbc.update("""
                update lot set status = 'active', points = ?, remaining = ?, source_entry_id = ?, expires_at = ?
                where tenant_id = ? and id = ?""", points, Math.min(points, Math.max(0, after)), entryId,
                timestamp(earnedNowExpiry()), tenant.value(), lotId);
        addPending(tenant, memberId, -points);
        updateAccount(tenant, memberId, after, points, 0);
        outbox.append("points.earned", tenant, new PointsMoved(memberId, points, entryId, posting.reason().value()));
        return new Posted(entryId, points, after);
    }

    /** What a cancellation took from one waiting lot; {@code closed}: nothing is left of it. */
    public record Cancelled(UUID lotId, long points, boolean closed) {
    }

    /**
     * Cancels up to {@code points} of the waiting (held first, then pending) lots a source ({@code sourceId}, an
     * order id) created: the account's {@code pending} goes down, the balance and every entry stay as they are.
     */
    public List<Cancelled> cancelWaiting(UUID memberId, String sourceId, long points) {
        flushCredits();
        TenantId tenant = TenantContext.require();
        lockAccount(tenant, memberId);
        List<OpenLot> lots = jdbc.query("""
                select id, remaining from lot
                where tenant_id = ? and member_id = ? and source_id = ? and status in ('pending', 'held')
                order by status = 'held' desc, created_at desc, id for update""",
                (row, i) -> new OpenLot(row.getObject(1, UUID.class), row.getLong(2)), tenant.value(), memberId,
                sourceId);
        List<Cancelled> cancelled = new ArrayList<>();
        long left = points;
        for (OpenLot lot : lots) {
            long take = Math.min(left, lot.remaining());
            if (take == 0) {
                break;
            }
            cancelled.add(cancel(tenant, memberId, lot, take));
            left -= take;
        }
        return cancelled;
    }

    /** Cancels one waiting lot whole (a rejected review); {@code null} when it is no longer waiting. */
    public Cancelled cancelLot(UUID memberId, UUID lotId) {
        flushCredits();
        TenantId tenant = TenantContext.require();
        lockAccount(tenant, memberId);
        List<OpenLot> lots = jdbc.query("""
                select id, remaining from lot
                where tenant_id = ? and id = ? and member_id = ? and status in ('pending', 'held') for update""",
                (row, i) -> new OpenLot(row.getObject(1, UUID.class), row.getLong(2)), tenant.value(), lotId,
                memberId);
        return lots.isEmpty() ? null : cancel(tenant, memberId, lots.getFirst(), lots.getFirst().remaining());
    }

    /**
     * Locks the account and answers the entry of this kind and source it already has, if any: what an import checks
     * before crediting, so a file run twice or an event delivered twice credits once.
     */
    public Optional<UUID> lockAndFindEntry(UUID memberId, EntryKind kind, String sourceId) {
        flushCredits();
        TenantId tenant = TenantContext.require();
        lockAccount(tenant, memberId);
        return jdbc.queryForList("""
                select id from ledger_entry
                where tenant_id = ? and member_id = ? and point_type = ? and kind = ? and source_id = ?""",
                UUID.class, tenant.value(), memberId, POINTS, kind.value(), sourceId).stream().findFirst();
    }

    /**
     * Locks several accounts in one global order (by member id) before a posting touches more than one, so two
     * opposite transfers (or two batches over the same members) wait for each other instead of deadlocking. Many
     * accounts take one statement when they all exist: all locked in member order. Accounts missing then are created
     * (in member order) and locked after the others; the creations wait only for other transactions' creations, so
     * the order still holds.
     */
    public void lockAll(List<UUID> memberIds) {
        TenantId tenant = TenantContext.require();
        List<UUID> toLock = memberIds.stream().distinct().sorted()
                .filter(memberId -> memo.get(lockKey(memberId), () -> null) == null).toList();
        if (toLock.size() < 2) {
            toLock.forEach(memberId -> lockAccount(tenant, memberId));
            return;
        }
        List<UUID> missing = lockExisting(tenant, toLock);
        if (!missing.isEmpty()) {
            // Accounts of first-time earners: created (in member order), then locked like the others.
            jdbc.update("""
                    insert into account (tenant_id, member_id, point_type)
                    select ?, member_id, ? from unnest(?::uuid[]) with ordinality as m(member_id, n) order by n
                    on conflict do nothing""", SqlArray.bind(tenant.value(), POINTS, SqlArray.of("uuid", missing)));
            lockExisting(tenant, missing);
        }
    }

    /** Locks the accounts of {@code memberIds} (sorted) that exist, in member order; answers the members without one. */
    private List<UUID> lockExisting(TenantId tenant, List<UUID> memberIds) {
        Set<UUID> missing = new LinkedHashSet<>(memberIds);
        jdbc.query("""
                select member_id, balance from account
                where tenant_id = ? and point_type = ? and member_id = any(?::uuid[])
                order by member_id for update""", SqlArray.bind(tenant.value(), POINTS, SqlArray.of("uuid", memberIds)),
                (RowCallbackHandler) row -> {
                    UUID memberId = row.getObject(1, UUID.class);
                    memo.put(lockKey(memberId), row.getLong(2));
                    missing.remove(memberId);
                });
        return List.copyOf(missing);
    }

    /**
     * The balance now, without a lock (0 for a member with no account yet); for an account this transaction has
     * locked, the balance it holds (its gathered credits included).
     */
    public long balance(UUID memberId) {
        Long locked = memo.get(lockKey(memberId), () -> null);
        if (locked != null) {
            return locked;
        }
        List<Long> balance = jdbc.queryForList(
                "select balance from account where tenant_id = ? and member_id = ? and point_type = ?",
                Long.class, TenantContext.require().value(), memberId, POINTS);
        return balance.isEmpty() ? 0 : balance.getFirst();
    }

    /**
     * Earn-kind points of this member in lots created since {@code since}, waiting ones included (the velocity
     * guard's daily cap), with the credits this transaction has gathered and not written yet.
     */
    public long earnedSince(UUID memberId, Instant since) {
        long stored = jdbc.queryForObject("""
                select coalesce(sum(points), 0) from lot
                where tenant_id = ? and member_id = ? and kind = 'earn' and status <> 'cancelled'
                  and created_at >= ?""", Long.class, TenantContext.require().value(), memberId,
                Timestamp.from(since));
        DeferredCredits deferred = deferred();
        return deferred == null ? stored : stored + deferred.earned.getOrDefault(memberId, 0L);
    }

    /**
     * Tells the ledger that this transaction holds the lock of the member's account (a statement of the caller's
     * selected it {@code for update}) and what its balance was then, so the ledger does not lock and read it again.
     */
    public void rememberLocked(UUID memberId, long balance) {
        memo.put(lockKey(memberId), balance);
    }

    /**
     * Locks the account row ({@code FOR UPDATE}) once per transaction and answers its balance. A purchase reaches
     * this three times (rule limits, velocity guard, posting); after the first, the balance this transaction holds
     * the lock on is known ({@link #updateAccount} keeps it current), so the later calls cost no statement.
     */
    private long lockAccount(TenantId tenant, UUID memberId) {
        return memo.get(lockKey(memberId), () -> {
            List<Long> locked = selectForUpdate(tenant, memberId);
            if (locked.isEmpty()) {
                jdbc.update("""
                        insert into account (tenant_id, member_id, point_type) values (?, ?, ?)
                        on conflict do nothing""", tenant.value(), memberId, POINTS);
                locked = selectForUpdate(tenant, memberId);
            }
            return locked.getFirst() == null ? 0L : locked.getFirst();
        });
    }

    private List<Long> selectForUpdate(TenantId tenant, UUID memberId) {
        return jdbc.queryForList("""
                select balance from account where tenant_id = ? and member_id = ? and point_type = ?
                for update""", Long.class, tenant.value(), memberId, POINTS);
    }

    private static String lockKey(UUID memberId) {
        return "ledger.locked-account:" + memberId;
    }

    private long expireDue(TenantId tenant, UUID memberId, long balance, Instant now) {
        List<OpenLot> due = jdbc.query("""
                select id, remaining from lot
                where tenant_id = ? and member_id = ? and point_type = ? and status = 'active' and remaining > 0
                  and expires_at <= ?
                order by expires_at, id for update""",
                (row, i) -> new OpenLot(row.getObject(1, UUID.class), row.getLong(2)), tenant.value(), memberId,
                POINTS, Timestamp.from(now));
        long after = balance;
        for (OpenLot lot : due) {
            after -= lot.remaining();
            UUID entryId = insertEntry(tenant, Posting.of(memberId, EntryKind.EXPIRE, Reason.EXPIRY,
                    lot.id().toString()), -lot.remaining(), after);
            jdbc.update("update lot set remaining = 0 where tenant_id = ? and id = ?", tenant.value(), lot.id());
            jdbc.update("insert into lot_consumption (tenant_id, entry_id, lot_id, points) values (?, ?, ?, ?)",
                    tenant.value(), entryId, lot.id(), lot.remaining());
            outbox.append("points.expired", tenant, new PointsMoved(memberId, lot.remaining(), entryId,
                    Reason.EXPIRY.value()));
        }
        if (!due.isEmpty()) {
            updateAccount(tenant, memberId, after, 0, 0);
        }
        return after;
    }

    private UUID park(Posting posting, long points, String status, Instant pendingUntil) {
        requirePositive(points);
        TenantId tenant = TenantContext.require();
        lockAccount(tenant, posting.memberId());
        UUID lotId = TimeOrderedUuids.next();
        jdbc.update("""
                insert into lot (tenant_id, id, member_id, point_type, points, remaining, pending_until, status, kind,
                                 reason, source_id)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", tenant.value(), lotId, posting.memberId(), POINTS,
                points, points, timestamp(pendingUntil), status, posting.kind().value(), posting.reason().value(),
                posting.sourceId());
        addPending(tenant, posting.memberId(), points);
        return lotId;
    }

    private Cancelled cancel(TenantId tenant, UUID memberId, OpenLot lot, long points) {
        boolean closed = points == lot.remaining();
        jdbc.update("""
                update lot set remaining = remaining - ?, status = case when ? then 'cancelled' else status end
                where tenant_id = ? and id = ?""", points, closed, tenant.value(), lot.id());
        addPending(tenant, memberId, -points);
        return new Cancelled(lot.id(), points, closed);
    }

    private void addPending(TenantId tenant, UUID memberId, long points) {
        jdbc.update("""
                update account set pending = pending + ?, version = version + 1, updated_at = now()
                where tenant_id = ? and member_id = ? and point_type = ?""",
                points, tenant.value(), memberId, POINTS);
    }

    private Instant earnedNowExpiry() {
        return settings.current().expiresAt(clock.instant());
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private record Waiting(Posting posting, long points) {
    }

    private UUID insertEntry(TenantId tenant, Posting posting, long points, long balanceAfter) {
        return insertEntry(tenant, posting, points, balanceAfter, null);
    }

    private UUID insertEntry(TenantId tenant, Posting posting, long points, long balanceAfter, UUID restoresEntryId) {
        UUID id = TimeOrderedUuids.next();
        jdbc.update("""
                insert into ledger_entry (tenant_id, id, member_id, point_type, kind, points, balance_after, reason,
                                          source_id, note, actor, actor_client, restores_entry_id)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", tenant.value(), id, posting.memberId(), POINTS,
                posting.kind().value(), points, balanceAfter, posting.reason().value(), posting.sourceId(),
                posting.note(), posting.actor(), posting.actorClient(), restoresEntryId);
        return id;
    }

    private void consumeLots(TenantId tenant, UUID memberId, UUID entryId, long points) {
        if (points == 0) {
            return;
        }
        List<OpenLot> lots = jdbc.query("""
                select id, remaining from lot
                where tenant_id = ? and member_id = ? and point_type = ? and remaining > 0 and status = 'active'
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
        memo.put(lockKey(memberId), balance);
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
