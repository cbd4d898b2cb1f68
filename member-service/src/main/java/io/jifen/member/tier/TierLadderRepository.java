package io.jifen.member.tier;

import io.jifen.tenancy.TenantId;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ladder document per tenant; no row means the default ladder (created lazily, on the first PUT). Every save
 * raises the row's version (see {@link TierLadderCache}).
 */
@Repository
class TierLadderRepository {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    TierLadderRepository(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    TierLadder find(TenantId tenant) {
        List<String> rows = jdbc.queryForList("select ladder::text from tier_ladder where tenant_id = ?",
                String.class, tenant.value());
        return rows.isEmpty() ? TierLadder.DEFAULT : json.readValue(rows.getFirst(), TierLadder.class);
    }

    record Versioned(long version, TierLadder ladder) {
    }

    /** The ladder with its version; empty while the tenant has the default ladder. */
    Optional<Versioned> findVersioned(TenantId tenant) {
        return jdbc.query("select version, ladder::text from tier_ladder where tenant_id = ?",
                (rs, i) -> new Versioned(rs.getLong(1), json.readValue(rs.getString(2), TierLadder.class)),
                tenant.value()).stream().findFirst();
    }

    void save(TenantId tenant, TierLadder ladder) {
        jdbc.update("""
                insert into tier_ladder (tenant_id, ladder, updated_at) values (?, ?::jsonb, now())
                on conflict (tenant_id) do update set ladder = excluded.ladder, updated_at = now(),
                    version = tier_ladder.version + 1""",
                tenant.value(), json.writeValueAsString(ladder));
    }
}
