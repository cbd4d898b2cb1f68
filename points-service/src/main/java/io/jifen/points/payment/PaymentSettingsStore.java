package io.jifen.points.payment;

import io.jifen.tenancy.TenantContext;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** {@code payment_settings}: a tenant without a row has {@link PaymentSettings#DEFAULTS}. */
@Repository
class PaymentSettingsStore {

    private final JdbcTemplate jdbc;

    PaymentSettingsStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    PaymentSettings current() {
        List<PaymentSettings> found = jdbc.query("""
                select points_per_unit, max_share from payment_settings where tenant_id = ?""",
                (row, i) -> new PaymentSettings(row.getLong(1), row.getBigDecimal(2).stripTrailingZeros()),
                TenantContext.require().value());
        return found.isEmpty() ? PaymentSettings.DEFAULTS : found.getFirst();
    }

    void save(PaymentSettings settings) {
        jdbc.update("""
                insert into payment_settings (tenant_id, points_per_unit, max_share) values (?, ?, ?)
                on conflict (tenant_id) do update set points_per_unit = excluded.points_per_unit,
                                                      max_share = excluded.max_share, updated_at = now()""",
                TenantContext.require().value(), settings.pointsPerUnit(), settings.maxShare());
    }
}
