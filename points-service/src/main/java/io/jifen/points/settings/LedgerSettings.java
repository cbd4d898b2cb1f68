package io.jifen.points.settings;

import io.jifen.points.ledger.Overdraft;
import io.jifen.tenancy.TenantContext;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A tenant's ledger policy. A tenant with no row has the defaults: refunds clamp (take what is there, never a
 * debt) and transfers are off.
 */
@Component
public class LedgerSettings {

    private final JdbcTemplate jdbc;

    LedgerSettings(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** How a purchase refund treats points already spent ({@code refundDebt}). */
    public Overdraft refundDebt() {
        List<String> policy = jdbc.queryForList("select refund_debt from tenant_settings where tenant_id = ?",
                String.class, TenantContext.require().value());
        return !policy.isEmpty() && "allow".equals(policy.getFirst()) ? Overdraft.ALLOW : Overdraft.CLAMP;
    }

    /** Whether members of this tenant may give each other points ({@code transfersEnabled}). */
    public boolean transfersEnabled() {
        List<Boolean> enabled = jdbc.queryForList("select transfers_enabled from tenant_settings where tenant_id = ?",
                Boolean.class, TenantContext.require().value());
        return !enabled.isEmpty() && enabled.getFirst();
    }
}
