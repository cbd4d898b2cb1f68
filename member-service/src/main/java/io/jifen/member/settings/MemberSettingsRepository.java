package io.jifen.member.settings;

import io.jifen.tenancy.TenantId;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** One row per tenant, absent until first saved (so reads fall back to the defaults). Plain SQL: tenant explicit. */
@Repository
public class MemberSettingsRepository {

    private final JdbcTemplate jdbc;

    MemberSettingsRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public MemberSettings find(TenantId tenant) {
        List<MemberSettings> rows = jdbc.query(
                "select required_profile_fields, card_prefix from member_settings where tenant_id = ?",
                (rs, i) -> new MemberSettings(Arrays.asList((String[]) rs.getArray(1).getArray()), rs.getString(2)),
                tenant.value());
        return rows.isEmpty() ? MemberSettings.DEFAULTS : rows.getFirst();
    }

    void save(TenantId tenant, MemberSettings settings) {
        jdbc.update("""
                insert into member_settings (tenant_id, required_profile_fields, card_prefix, updated_at)
                values (?, ?, ?, now())
                on conflict (tenant_id) do update set required_profile_fields = excluded.required_profile_fields,
                    card_prefix = excluded.card_prefix, updated_at = now()""",
                ps -> {
                    ps.setObject(1, tenant.value());
                    ps.setArray(2, ps.getConnection().createArrayOf("text",
                            settings.requiredProfileFields().toArray()));
                    ps.setString(3, settings.cardPrefix());
                });
    }
}
