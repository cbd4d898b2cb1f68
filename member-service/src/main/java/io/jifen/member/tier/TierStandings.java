package io.jifen.member.tier;

import io.jifen.tenancy.TenantId;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reads a {@link TierStanding} with one indexed row read (plain SQL: the tenant is explicit). */
@Repository
class TierStandings {

    private final JdbcTemplate jdbc;

    TierStandings(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Empty when the tenant has no such member. */
    Optional<TierStanding> find(TenantId tenant, UUID memberId) {
        return jdbc.query("select tier_code from member where tenant_id = ? and id = ?",
                (rs, i) -> new TierStanding(memberId, rs.getString(1)), tenant.value(), memberId).stream().findFirst();
    }
}
