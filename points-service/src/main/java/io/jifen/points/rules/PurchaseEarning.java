package io.jifen.points.rules;

import io.jifen.tenancy.TenantContext;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a purchase earns under the tenant's rules as they are now (the built-in channel {@code purchase}), capped by
 * limits and budgets; and the awards kept
 * with each purchase, so a rule changed later never changes what an earlier purchase got (or what its refunds
 * reverse).
 */
@Service
@Transactional(propagation = Propagation.MANDATORY)
public class PurchaseEarning {

    private final EarningRules rules;
    private final RuleChannels channels;
    private final JdbcTemplate jdbc;

    PurchaseEarning(EarningRules rules, RuleChannels channels, JdbcTemplate jdbc) {
        this.rules = rules;
        this.channels = channels;
        this.jdbc = jdbc;
    }

    /**
     * The awards of a purchase being recorded (before it is stored: "first purchase" means none stored yet), as the
     * built-in channel {@code purchase} proposes them and the host checks and grants them. Locks the member's
     * account.
     */
    public List<Award> award(String orderId, UUID memberId, String tierCode, BigDecimal amount,
            List<PurchaseLine> items, Instant at) {
        List<EarningRule> evaluated = rules.forEvaluation();
        // Whether it is the first purchase changes the awards only through a first-purchase rule: without one, the
        // purchase table is not asked.
        boolean first = evaluated.stream().anyMatch(rule -> Rules.FIRST_PURCHASE.equals(rule.trigger()))
                && !hasPurchases(memberId);
        PurchaseFacts facts = new PurchaseFacts(amount, items, tierCode, at, first);
        return channels.purchase(orderId, memberId, facts, evaluated);
    }

    /** Keeps a recorded purchase's awards (in the purchase's transaction). */
    public void remember(String orderId, List<Award> awards) {
        for (int i = 0; i < awards.size(); i++) {
            Award award = awards.get(i);
            jdbc.update("""
                    insert into purchase_award (tenant_id, order_id, position, rule_code, points, capped)
                    values (?, ?, ?, ?, ?, ?)""", tenant(), orderId, i, award.rule(), award.points(), award.capped());
        }
    }

    /** The awards a recorded purchase got, in their original order. */
    @Transactional(propagation = Propagation.SUPPORTS)
    public List<Award> awardsOf(String orderId) {
        return jdbc.query("""
                select rule_code, points, capped from purchase_award where tenant_id = ? and order_id = ?
                order by position""", (row, i) -> new Award(row.getString(1), row.getLong(2), row.getLong(3)),
                tenant(), orderId);
    }

    boolean hasPurchases(UUID memberId) {
        return !jdbc.queryForList("select 1 from purchase where tenant_id = ? and member_id = ? limit 1",
                Integer.class, tenant(), memberId).isEmpty();
    }

    private static UUID tenant() {
        return TenantContext.require().value();
    }
}
