package io.jifen.member.tier;

import io.jifen.tenancy.TenantId;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Reads a {@link TierStanding}: the member's row and the version of its tenant's ladder, both by primary key, in one
 * statement (plain SQL: the tenant is explicit).
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
}
