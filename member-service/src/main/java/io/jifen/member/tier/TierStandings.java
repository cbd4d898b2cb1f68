package io.jifen.member.tier;

import io.jifen.tenancy.TenantId;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Reads a {@link TierStanding}: the member's row and the version of its tenant's ladder, both by primary key, in one
 * statement (plain SQL: the tenant is explicit); a run of purchases reads all its members' in one statement too.
 */
@Repository
class TierStandings {

    private final JdbcTemplate jdbc;

    TierStandings(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Empty when the tenant has no such member. */
    Optional<TierStanding> find(TenantId tenant, UUID memberId) {
        return jdbc.query("""
                select m.tier_code, l.version from member m
                left join tier_ladder l on l.tenant_id = m.tenant_id
                where m.tenant_id = ? and m.id = ?""",
                (rs, i) -> new TierStanding(memberId, rs.getString(1), rs.getObject(2, Long.class)),
                tenant.value(), memberId).stream().findFirst();
    }

    /** The standing of each given member of the tenant; members the tenant has not are absent. */
    Map<UUID, TierStanding> findAll(TenantId tenant, Collection<UUID> memberIds) {
        Map<UUID, TierStanding> standings = new HashMap<>();
        jdbc.query("""
                select m.id, m.tier_code, l.version from member m
                left join tier_ladder l on l.tenant_id = m.tenant_id
                where m.tenant_id = ? and m.id = any(?)""", ps -> {
            ps.setObject(1, tenant.value());
            ps.setArray(2, ps.getConnection().createArrayOf("uuid", memberIds.stream().distinct().toArray()));
        }, rs -> {
            UUID memberId = rs.getObject(1, UUID.class);
            standings.put(memberId, new TierStanding(memberId, rs.getString(2), rs.getObject(3, Long.class)));
        });
        return standings;
    }
}
