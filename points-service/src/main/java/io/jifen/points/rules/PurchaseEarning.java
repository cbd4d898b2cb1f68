package io.jifen.points.rules;

import io.jifen.points.transaction.SqlArray;
import io.jifen.tenancy.TenantContext;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
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
     * The tenant's rules version as a caller's own statement read it in this transaction (after its order lock, as
     * {@link #award} would read it), so the rules are not asked for it again.
     */
    public void rememberRulesVersion(long version) {
        rules.rememberVersion(version);
    }

    /** Keeps recorded purchases' awards (in the purchases' transaction), one statement for all of them. */
    public void rememberAll(Map<String, List<Award>> awardsByOrder) {
        List<Object[]> rows = new ArrayList<>();
        awardsByOrder.forEach((orderId, awards) -> {
            for (int i = 0; i < awards.size(); i++) {
                rows.add(new Object[] {orderId, i, awards.get(i).rule(), awards.get(i).points(),
                        awards.get(i).capped()});
            }
        });
        if (rows.isEmpty()) {
            return;
        }
        jdbc.update("""
                insert into purchase_award (tenant_id, order_id, position, rule_code, points, capped)
                select ?, * from unnest(?::text[], ?::int4[], ?::text[], ?::int8[], ?::int8[])""",
                SqlArray.bind(tenant(), SqlArray.column("text", rows, row -> row[0]),
                        SqlArray.column("int4", rows, row -> row[1]), SqlArray.column("text", rows, row -> row[2]),
                        SqlArray.column("int8", rows, row -> row[3]), SqlArray.column("int8", rows, row -> row[4])));
    }

    /** The awards a recorded purchase got, in their original order. */
    @Transactional(propagation = Propagation.SUPPORTS)
    public List<Award> awardsOf(String orderId) {
        return awardsOfAll(List.of(orderId)).getOrDefault(orderId, List.of());
    }

    /** The awards recorded purchases got, by order id, each in its original order (none: no entry). */
    @Transactional(propagation = Propagation.SUPPORTS)
    public Map<String, List<Award>> awardsOfAll(Collection<String> orderIds) {
        Map<String, List<Award>> awards = new HashMap<>();
        jdbc.query("""
                select order_id, rule_code, points, capped from purchase_award
                where tenant_id = ? and order_id = any(?::text[]) order by order_id, position""",
                SqlArray.bind(tenant(), SqlArray.of("text", orderIds)), (RowCallbackHandler) row -> awards
                        .computeIfAbsent(row.getString(1), order -> new ArrayList<>())
                        .add(new Award(row.getString(2), row.getLong(3), row.getLong(4))));
        return awards;
    }

    boolean hasPurchases(UUID memberId) {
        return !jdbc.queryForList("select 1 from purchase where tenant_id = ? and member_id = ? limit 1",
                Integer.class, tenant(), memberId).isEmpty();
    }

    private static UUID tenant() {
        return TenantContext.require().value();
    }
}
