package io.jifen.points.reward;

import static io.jifen.points.reward.RewardStore.instant;

import io.jifen.points.settings.LedgerSettings;
import io.jifen.tenancy.TenantContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Redemptions (native SQL: the tenant is named in every statement). */
@Repository
class RedemptionStore {

    private static final String COLUMNS = """
            id, member_id, reward_id, reward_type, quantity, points_spent, status, fulfilment, tracking_number,
            spend_entry_id, refund_entry_id, balance_after, created_at, updated_at, cancelled_at""";

    private final JdbcTemplate jdbc;
    private final LedgerSettings settings;

    RedemptionStore(JdbcTemplate jdbc, LedgerSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    void insert(Redemption redemption) {
        jdbc.update("""
                insert into redemption (tenant_id, id, member_id, reward_id, reward_type, quantity, points_spent,
                                        status, fulfilment, spend_entry_id, balance_after)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", tenant(), redemption.id(), redemption.memberId(),
                redemption.rewardId(), redemption.rewardType().value(), redemption.quantity(),
                redemption.pointsSpent(), redemption.status(),
                redemption.fulfilment() == null ? null : redemption.fulfilment().value(), redemption.spendEntryId(),
                redemption.balanceAfter());
    }

    Optional<Redemption> find(UUID id) {
        return jdbc.query("select " + COLUMNS + " from redemption where tenant_id = ? and id = ?",
                RedemptionStore::redemption, tenant(), id).stream().findFirst();
    }

    /** The redemption with its row locked until the transaction ends: cancellations and fulfilment are serial. */
    Optional<Redemption> lock(UUID id) {
        return jdbc.query("select " + COLUMNS + " from redemption where tenant_id = ? and id = ? for update",
                RedemptionStore::redemption, tenant(), id).stream().findFirst();
    }

    /** Units of a reward the member holds from redemptions since {@code since} (null: ever), cancelled ones aside. */
    /** Units redeemed since 00:00 of the tenant's day that {@code now} falls in. */
    long redeemedToday(UUID memberId, UUID rewardId, Instant now) {
        return redeemedQuantity(memberId, rewardId, settings.current().startOfDay(now));
    }

    long redeemedQuantity(UUID memberId, UUID rewardId, Instant since) {
        Long quantity = jdbc.queryForObject("""
                select coalesce(sum(quantity), 0) from redemption
                where tenant_id = ? and member_id = ? and reward_id = ? and status = 'completed'
                  and created_at >= coalesce(?, '-infinity'::timestamptz)""", Long.class, tenant(), memberId,
                rewardId, since == null ? null : Timestamp.from(since));
        return quantity == null ? 0 : quantity;
    }

    void markCancelled(UUID id, UUID refundEntryId, long balanceAfter) {
        jdbc.update("""
                update redemption set status = 'cancelled', refund_entry_id = ?, balance_after = ?,
                                      cancelled_at = clock_timestamp(), updated_at = clock_timestamp()
                where tenant_id = ? and id = ?""", refundEntryId, balanceAfter, tenant(), id);
    }

    void updateFulfilment(UUID id, Fulfilment fulfilment, String trackingNumber) {
        jdbc.update("""
                update redemption set fulfilment = ?, tracking_number = coalesce(?, tracking_number),
                                      updated_at = clock_timestamp()
                where tenant_id = ? and id = ?""", fulfilment.value(), trackingNumber, tenant(), id);
    }

    List<Redemption> list(UUID memberId, String status, int page, int size) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from redemption where tenant_id = ?");
        List<Object> args = new ArrayList<>(List.of(tenant()));
        if (memberId != null) {
            sql.append(" and member_id = ?");
            args.add(memberId);
        }
        if (status != null) {
            sql.append(Fulfilment.of(status).isPresent() ? " and fulfilment = ?" : " and status = ?");
            args.add(status);
        }
        sql.append(" order by created_at desc, id limit ? offset ?");
        args.add(size + 1);
        args.add((long) page * size);
        return jdbc.query(sql.toString(), RedemptionStore::redemption, args.toArray());
    }

    private static Redemption redemption(ResultSet row, int i) throws SQLException {
        String fulfilment = row.getString("fulfilment");
        return new Redemption(row.getObject("id", UUID.class), row.getObject("member_id", UUID.class),
                row.getObject("reward_id", UUID.class), RewardType.of(row.getString("reward_type")),
                row.getInt("quantity"), row.getLong("points_spent"), row.getString("status"),
                fulfilment == null ? null : Fulfilment.of(fulfilment).orElseThrow(),
                row.getString("tracking_number"), row.getObject("spend_entry_id", UUID.class),
                row.getObject("refund_entry_id", UUID.class), row.getLong("balance_after"),
                instant(row.getTimestamp("created_at")), instant(row.getTimestamp("updated_at")),
                instant(row.getTimestamp("cancelled_at")));
    }

    private static UUID tenant() {
        return TenantContext.require().value();
    }
}
