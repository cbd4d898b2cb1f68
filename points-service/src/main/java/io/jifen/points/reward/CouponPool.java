package io.jifen.points.reward;

import io.jifen.tenancy.TenantContext;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * A coupon reward's codes: each handed out once. Claims skip rows another transaction holds
 * ({@code FOR UPDATE SKIP LOCKED}), so concurrent redemptions take different codes without waiting on each other.
 */
@Repository
class CouponPool {

    private final JdbcTemplate jdbc;

    CouponPool(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return how many of {@code codes} were new to the pool (a code already there, in any state, is skipped) */
    int add(UUID rewardId, Collection<String> codes) {
        UUID tenant = tenant();
        int added = 0;
        for (int[] batch : jdbc.batchUpdate("""
                insert into coupon_code (tenant_id, reward_id, code) values (?, ?, ?) on conflict do nothing""",
                codes, 500, (statement, code) -> {
                    statement.setObject(1, tenant);
                    statement.setObject(2, rewardId);
                    statement.setString(3, code);
                })) {
            for (int count : batch) {
                added += Math.max(count, 0);
            }
        }
        return added;
    }

    long available(UUID rewardId) {
        Long count = jdbc.queryForObject("""
                select count(*) from coupon_code where tenant_id = ? and reward_id = ? and status = 'available'""",
                Long.class, tenant(), rewardId);
        return count == null ? 0 : count;
    }

    /**
     * Hands {@code quantity} codes, oldest first, to a redemption.
     *
     * @return the codes, or an empty list when the pool holds fewer (nothing claimed)
     */
    List<String> claim(UUID rewardId, UUID redemptionId, int quantity) {
        UUID tenant = tenant();
        List<String> codes = jdbc.queryForList("""
                select code from coupon_code where tenant_id = ? and reward_id = ? and status = 'available'
                order by created_at, code limit ? for update skip locked""", String.class, tenant, rewardId, quantity);
        if (codes.size() < quantity) {
            return List.of();
        }
        for (String code : codes) {
            jdbc.update("""
                    update coupon_code set status = 'issued', redemption_id = ?, issued_at = now()
                    where tenant_id = ? and reward_id = ? and code = ?""", redemptionId, tenant, rewardId, code);
        }
        return codes;
    }

    /** The codes a redemption was given. */
    List<String> issuedTo(UUID redemptionId) {
        return jdbc.queryForList("""
                select code from coupon_code where tenant_id = ? and redemption_id = ? order by issued_at, code""",
                String.class, tenant(), redemptionId);
    }

    /**
     * Voids a cancelled redemption's codes rather than giving them back: the member has seen them and could still
     * use them at the merchant, so handing them to someone else would honour one coupon twice.
     */
    void voidIssuedTo(UUID redemptionId) {
        jdbc.update("update coupon_code set status = 'voided' where tenant_id = ? and redemption_id = ?",
                tenant(), redemptionId);
    }

    private static UUID tenant() {
        return TenantContext.require().value();
    }
}
