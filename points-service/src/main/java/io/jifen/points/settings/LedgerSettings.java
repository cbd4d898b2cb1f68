package io.jifen.points.settings;

import io.jifen.points.ledger.Overdraft;
import io.jifen.points.transaction.TransactionMemo;
import io.jifen.tenancy.TenantContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A tenant's ledger policy ({@code tenant_settings}). A tenant with no row has {@link PointsSettings#DEFAULTS}:
 * refunds clamp (take what is there, never a debt), transfers are off, points never expire, nothing is pending and
 * earnings are not capped.
 */
@Component
public class LedgerSettings {

    private static final String MEMO = "settings.ledger";

    private static final List<String> COLUMNS = List.of("refund_debt", "transfers_enabled", "expiry_policy",
            "expiry_days", "expiring_notice_days", "pending_days", "max_points_per_member_per_day", "hold_earns_above",
            "timezone", "transfer_max_points", "transfer_max_points_per_day");

    private static final String SELECT = "select " + columns("s") + " from tenant_settings s where tenant_id = ?";

    private final JdbcTemplate jdbc;
    private final TransactionMemo memo;

    LedgerSettings(JdbcTemplate jdbc, TransactionMemo memo) {
        this.jdbc = jdbc;
        this.memo = memo;
    }

    /** The current tenant's policy, read once per transaction (a purchase asks for it four times). */
    public PointsSettings current() {
        return memo.get(MEMO, this::read);
    }

    /**
     * The columns of {@code tenant_settings} that {@link #of} reads, each prefixed with {@code alias} and a dot, for a
     * statement of another owner that reads the settings along with its own rows.
     */
    public static String columns(String alias) {
        return COLUMNS.stream().map(column -> alias + "." + column).collect(Collectors.joining(", "));
    }

    /** The settings in {@code row}'s {@link #columns} (by name). */
    public static PointsSettings of(ResultSet row) throws SQLException {
        return new PointsSettings("allow".equals(row.getString("refund_debt")) ? Overdraft.ALLOW : Overdraft.CLAMP,
                row.getBoolean("transfers_enabled"), ExpiryPolicy.of(row.getString("expiry_policy")),
                row.getInt("expiry_days"), row.getInt("expiring_notice_days"), row.getInt("pending_days"),
                row.getObject("max_points_per_member_per_day", Long.class),
                row.getObject("hold_earns_above", Long.class), zone(row.getString("timezone")),
                new PointsSettings.TransferLimits(row.getObject("transfer_max_points", Long.class),
                        row.getObject("transfer_max_points_per_day", Long.class)));
    }

    /**
     * What {@link #current} answers for the rest of this transaction: the settings a caller's own statement read
     * ({@link PointsSettings#DEFAULTS} for a tenant with no row), so they are not read again.
     */
    public void remember(PointsSettings settings) {
        memo.put(MEMO, settings);
    }

    private PointsSettings read() {
        List<PointsSettings> rows = jdbc.query(SELECT, (row, i) -> of(row), TenantContext.require().value());
        return rows.isEmpty() ? PointsSettings.DEFAULTS : rows.getFirst();
    }

    /** The current tenant's time zone (UTC until tenant-service has announced one). */
    public ZoneId zone() {
        return current().zone();
    }

    /** How a purchase refund treats points already spent ({@code refundDebt}). */
    public Overdraft refundDebt() {
        return current().refundDebt();
    }

    /** Whether members of this tenant may give each other points ({@code transfersEnabled}). */
    public boolean transfersEnabled() {
        return current().transfersEnabled();
    }

    /** Replaces the current tenant's policy (the time zone stays what tenant-service said). */
    void save(PointsSettings settings, String updatedBy) {
        memo.put(MEMO, null);
        jdbc.update("""
                insert into tenant_settings (tenant_id, refund_debt, transfers_enabled, expiry_policy, expiry_days,
                                             expiring_notice_days, pending_days, max_points_per_member_per_day,
                                             hold_earns_above, transfer_max_points, transfer_max_points_per_day,
                                             updated_by, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())
                on conflict (tenant_id) do update set
                    refund_debt = excluded.refund_debt, transfers_enabled = excluded.transfers_enabled,
                    expiry_policy = excluded.expiry_policy, expiry_days = excluded.expiry_days,
                    expiring_notice_days = excluded.expiring_notice_days, pending_days = excluded.pending_days,
                    max_points_per_member_per_day = excluded.max_points_per_member_per_day,
                    hold_earns_above = excluded.hold_earns_above,
                    transfer_max_points = excluded.transfer_max_points,
                    transfer_max_points_per_day = excluded.transfer_max_points_per_day, updated_by = excluded.updated_by,
                    updated_at = now()""",
                TenantContext.require().value(), settings.refundDebt() == Overdraft.ALLOW ? "allow" : "clamp",
                settings.transfersEnabled(), settings.expiryPolicy().value(), settings.expiryDays(),
                settings.expiringNoticeDays(), settings.pendingDays(), settings.maxPointsPerMemberPerDay(),
                settings.holdEarnsAbove(), settings.transferLimits().maxPointsPerTransfer(),
                settings.transferLimits().maxPointsPerMemberPerDay(), updatedBy);
    }

    /** Records the time zone tenant-service announced; the tenant's other settings keep their values. */
    void learnZone(UUID tenant, ZoneId zone) {
        memo.put(MEMO, null);
        jdbc.update("""
                insert into tenant_settings (tenant_id, timezone) values (?, ?)
                on conflict (tenant_id) do update set timezone = excluded.timezone, updated_at = now()""",
                tenant, zone.getId());
    }

    private static ZoneId zone(String id) {
        if (id == null) {
            return PointsSettings.UTC;
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return PointsSettings.UTC; // a zone this JDK does not know: UTC rather than no earning at all
        }
    }
}
