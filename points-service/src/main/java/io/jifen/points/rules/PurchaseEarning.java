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
 * limits and budgets. The purchase keeps its awards on its row, so a rule changed later never changes what an earlier
 * purchase got (or what its refunds reverse).
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
     * account when a rule needs it (limits, budgets, first purchase).
     *
     * @param purchasedBefore the caller knows the member has a purchase already (recorded earlier in its batch and
     *                        not written yet); otherwise the stored purchases tell
     */
    public List<Award> award(String orderId, UUID memberId, String tierCode, BigDecimal amount,
            List<PurchaseLine> items, Instant at, boolean purchasedBefore) {
        List<EarningRule> evaluated = rules.forEvaluation();
        // Whether it is the first purchase changes the awards only through a first-purchase rule: without one, the
        // purchase table is not asked.
        boolean first = !purchasedBefore
                && evaluated.stream().anyMatch(rule -> Rules.FIRST_PURCHASE.equals(rule.trigger()))
                && !hasPurchases(memberId);
        PurchaseFacts facts = new PurchaseFacts(amount, items, tierCode, at, first);
        return channels.purchase(orderId, memberId, facts, evaluated);
    }

    /**
     * Whether a purchase's awards under the tenant's rules can be worked out before its member's account is locked:
     * none of the rules a purchase evaluates has per-member limits or a budget, and there is no first-purchase rule
     * (see {@link Awarding#readsMemberState}). Then {@link #award} locks nothing.
     */
    public boolean awardsWithoutLock() {
        return !Awarding.purchaseReadsMemberState(rules.forEvaluation());
    }

    /**
     * The tenant's rules version as a caller's own statement read it in this transaction (after its order lock, as
     * {@link #award} would read it), so the rules are not asked for it again.
     */
    public void rememberRulesVersion(long version) {
        rules.rememberVersion(version);
    }

    boolean hasPurchases(UUID memberId) {
        return !jdbc.queryForList("select 1 from purchase where tenant_id = ? and member_id = ? limit 1",
                Integer.class, tenant(), memberId).isEmpty();
    }

    private static UUID tenant() {
        return TenantContext.require().value();
    }
}
