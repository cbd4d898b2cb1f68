package io.jifen.points.purchase;

import io.jifen.points.ledger.Ledger;
import io.jifen.points.member.Member;
import io.jifen.points.member.MemberRef;
import io.jifen.points.purchase.PurchaseStore.Purchase;
import io.jifen.points.rules.PurchaseEarning;
import io.jifen.points.settings.LedgerSettings;
import io.jifen.points.settings.PointsSettings;
import io.jifen.points.transaction.SqlArray;
import io.jifen.tenancy.TenantContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;

/**
 * What a single purchase reads once its order is locked, in one statement instead of five round trips: the order as
 * stored (a replay), the member as the projection knows it, the member's account (locked {@code for update}, the
 * lock the ledger would take next), the tenant's ledger settings and its rules version. The settings, the rules
 * version and the locked balance are handed to their owners for the rest of the transaction, so none of them asks
 * again. The statement runs after the order lock, so its snapshot sees whatever the lock's previous holder
 * committed.
 * <p>
 * The account is locked before the member is checked: a refused member fails the transaction, which releases it.
 * A member the projection does not know, and an account not created yet, are left to their owners' usual path.
 * <p>
 * A batch (and a group of single purchases) reads the same but the member and the account, which it reads for all its
 * purchases at once: {@link #readAll}.
 */
@Repository
class PurchaseOpening {

    /** The statement for a member named by each projection column ({@link MemberRef#column}), built once. */
    private static final Map<String, String> SQL = MemberRef.COLUMNS.stream()
            .collect(Collectors.toUnmodifiableMap(column -> column, column -> """
                    with m as (
                        select member_id, external_id, card_number, status, tier_code from member
                        where tenant_id = ? and %s = ?),
                    locked as (
                        select a.balance from account a join m on a.member_id = m.member_id
                        where a.tenant_id = ? and a.point_type = ? for update of a)
                    select %s,
                           m.member_id as projected_member_id, m.external_id, m.card_number, m.status, m.tier_code,
                           (select balance from locked) as locked_balance,
                           (select rules_version from earning_program where tenant_id = ?) as rules_version,
                           s.tenant_id as settings_tenant, %s
                    from (values (1)) as one (x)
                    left join purchase p on p.tenant_id = ? and p.order_id = ?
                    left join m on true
                    left join tenant_settings s on s.tenant_id = ?""".formatted(column,
                    PurchaseStore.PURCHASE_COLUMNS, LedgerSettings.columns("s"))));

    /**
     * What a batch reads once its orders are locked: the orders already stored, the tenant's rules version and its
     * ledger settings, one row per stored order (when none is stored, one row with only the version and settings).
     */
    private static final String BATCH_SQL = """
            select %s,
                   (select rules_version from earning_program where tenant_id = ?) as rules_version,
                   s.tenant_id as settings_tenant, %s
            from (values (1)) as one (x)
            left join purchase p on p.tenant_id = ? and p.order_id = any(?::text[])
            left join tenant_settings s on s.tenant_id = ?""".formatted(PurchaseStore.PURCHASE_COLUMNS,
            LedgerSettings.columns("s"));

    private final JdbcTemplate jdbc;
    private final Ledger ledger;
    private final LedgerSettings settings;
    private final PurchaseEarning earning;

    PurchaseOpening(JdbcTemplate jdbc, Ledger ledger, LedgerSettings settings, PurchaseEarning earning) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.settings = settings;
        this.earning = earning;
    }

    /**
     * What was read: the stored purchase of the order (null: a new order) and the projection's member (null: not
     * known there, erased and refused members included as they are).
     */
    record Opening(Purchase stored, Member projected) {
    }

    /**
     * The batch's counterpart of {@link #read}, after its order locks and before its account locks (which the batch
     * takes in one statement of its own): the stored purchases of {@code orderIds} by order id; the rules version and
     * the settings are handed to their owners as {@link #read} does.
     */
    Map<String, Purchase> readAll(Collection<String> orderIds) {
        UUID tenant = TenantContext.require().value();
        Map<String, Purchase> stored = new HashMap<>();
        jdbc.query(BATCH_SQL, SqlArray.bind(tenant, tenant, SqlArray.of("text", orderIds), tenant),
                (RowCallbackHandler) row -> {
                    if (row.getRow() == 1) {
                        remember(row);
                    }
                    if (row.getString("order_id") != null) {
                        Purchase purchase = PurchaseStore.purchase(row);
                        stored.put(purchase.orderId(), purchase);
                    }
                });
        return stored;
    }

    /** Hands the rules version and the ledger settings a row read to their owners, for the rest of the transaction. */
    private void remember(ResultSet row) throws SQLException {
        Long version = row.getObject("rules_version", Long.class);
        if (version != null) {
            earning.rememberRulesVersion(version);
        }
        settings.remember(row.getObject("settings_tenant") == null ? PointsSettings.DEFAULTS : LedgerSettings.of(row));
    }

    Opening read(String orderId, MemberRef member) {
        UUID tenant = TenantContext.require().value();
        return jdbc.queryForObject(SQL.get(member.column()), (row, i) -> {
            Purchase stored = row.getString("order_id") == null ? null : PurchaseStore.purchase(row);
            UUID memberId = row.getObject("projected_member_id", UUID.class);
            Member projected = memberId == null ? null : new Member(memberId, row.getString("external_id"),
                    row.getString("card_number"), row.getString("status"), row.getString("tier_code"));
            Long balance = row.getObject("locked_balance", Long.class);
            if (balance != null) {
                ledger.rememberLocked(memberId, balance);
            }
            remember(row);
            return new Opening(stored, projected);
        }, tenant, member.value(), tenant, Ledger.POINTS, tenant, tenant, orderId, tenant);
    }
}
