package io.jifen.points.rules;

import io.jifen.points.rules.EarningRule.Params;
import io.jifen.points.rules.EarningRule.Rounding;
import io.jifen.points.rules.EarningRule.Stacking;
import io.jifen.points.rules.EarningRule.Type;
import io.jifen.points.transaction.TransactionMemo;
import io.jifen.tenancy.TenantContext;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** A tenant's earning rules (native SQL: the tenant is named in every statement). */
@Repository
class RuleStore {

    static final String DEFAULT_CODE = "default";

    private static final String COLUMNS = """
            id, code, name, type, trigger, params::text as params, priority, stacking, active, active_from,
            active_until, limit_day, limit_week, limit_month, limit_lifetime, budget, budget_used""";

    private static final String VERSION = "rules.version";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final TransactionMemo memo;

    RuleStore(JdbcTemplate jdbc, JsonMapper json, TransactionMemo memo) {
        this.jdbc = jdbc;
        this.json = json;
        this.memo = memo;
    }

    /** The default program, the rule a tenant starts with: 1 point per whole 1.00, rounded down. */
    static EarningRule defaultRule(UUID id) {
        return new EarningRule(id, DEFAULT_CODE, "1 point per currency unit", Type.SPEND, null,
                new Params(1L, new BigDecimal("1.00"), Rounding.FLOOR, null, null, null, null, null, null, null), 0,
                Stacking.STACK, true, null, null, Limits.NONE, null, 0);
    }

    /**
     * Seeds the default rule the first time the tenant's rules are needed. The program row decides it once: a
     * concurrent first caller waits on its key and then finds it, and a tenant who deleted every rule is not
     * seeded again.
     */
    void seedOnce() {
        int first = jdbc.update("insert into earning_program (tenant_id) values (?) on conflict do nothing", tenant());
        if (first == 1) {
            insert(defaultRule(UUID.randomUUID()));
        }
    }

    /**
     * The tenant's rules version ({@link #bumpVersion}), empty before the program is seeded; read once per
     * transaction (a batch of purchases is evaluated under one version, as it commits at once).
     */
    Optional<Long> version() {
        return Optional.ofNullable(memo.get(VERSION, () -> jdbc.queryForList(
                "select rules_version from earning_program where tenant_id = ?", Long.class, tenant()).stream()
                .findFirst().orElse(null)));
    }

    /** What {@link #version} answers for the rest of this transaction: the version a caller's statement read. */
    void rememberVersion(long version) {
        memo.put(VERSION, version);
    }

    /** Every insert, update and delete of a rule raises the version, so cached rules of older versions go stale. */
    private void bumpVersion() {
        jdbc.update("update earning_program set rules_version = rules_version + 1 where tenant_id = ?", tenant());
        memo.put(VERSION, null);
    }

    boolean isSeeded() {
        return !jdbc.queryForList("select 1 from earning_program where tenant_id = ?", Integer.class, tenant())
                .isEmpty();
    }

    List<EarningRule> all() {
        return jdbc.query("select " + COLUMNS + " from earning_rule where tenant_id = ? order by priority desc, code",
                this::rule, tenant());
    }

    Optional<EarningRule> find(UUID id, boolean forUpdate) {
        return jdbc.query("select " + COLUMNS + " from earning_rule where tenant_id = ? and id = ?"
                + (forUpdate ? " for update" : ""), this::rule, tenant(), id).stream().findFirst();
    }

    boolean codeTaken(String code, UUID exceptId) {
        return !jdbc.queryForList("select 1 from earning_rule where tenant_id = ? and code = ? and id <> ?",
                Integer.class, tenant(), code, exceptId).isEmpty();
    }

    /** False when the tenant already has a rule with this code. */
    boolean insert(EarningRule rule) {
        Limits.PerMember limits = rule.limits().orEmpty();
        boolean inserted = jdbc.update("""
                insert into earning_rule (tenant_id, id, code, name, type, trigger, params, priority, stacking, active,
                                          active_from, active_until, limit_day, limit_week, limit_month,
                                          limit_lifetime, budget)
                values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (tenant_id, code) do nothing""", tenant(), rule.id(), rule.code(), rule.name(),
                rule.type().value(), rule.trigger(), json.writeValueAsString(rule.params()), rule.priority(),
                rule.stacking().value(), rule.active(), timestamp(rule.activeFrom()), timestamp(rule.activeUntil()),
                limits.day(), limits.week(), limits.month(), limits.lifetime(), rule.budget()) == 1;
        if (inserted) {
            bumpVersion();
        }
        return inserted;
    }

    /** Replaces everything but the id and the budget already used. */
    void update(EarningRule rule) {
        Limits.PerMember limits = rule.limits().orEmpty();
        jdbc.update("""
                update earning_rule set code = ?, name = ?, type = ?, trigger = ?, params = ?::jsonb, priority = ?,
                                        stacking = ?, active = ?, active_from = ?, active_until = ?, limit_day = ?,
                                        limit_week = ?, limit_month = ?, limit_lifetime = ?, budget = ?,
                                        updated_at = now()
                where tenant_id = ? and id = ?""", rule.code(), rule.name(), rule.type().value(), rule.trigger(),
                json.writeValueAsString(rule.params()), rule.priority(), rule.stacking().value(), rule.active(),
                timestamp(rule.activeFrom()), timestamp(rule.activeUntil()), limits.day(), limits.week(),
                limits.month(), limits.lifetime(), rule.budget(), tenant(), rule.id());
        bumpVersion();
    }

    boolean delete(UUID id) {
        boolean deleted = jdbc.update("delete from earning_rule where tenant_id = ? and id = ?", tenant(), id) == 1;
        if (deleted) {
            bumpVersion();
        }
        return deleted;
    }

    /**
     * Takes up to {@code points} from the rule's budget and answers how many it got. Each attempt is one conditional
     * UPDATE that cannot pass the budget; when the whole amount no longer fits, it asks for what is left (another
     * transaction may take it first: then it tries again with the new remainder).
     */
    long takeBudget(UUID ruleId, long points) {
        long ask = points;
        while (ask > 0) {
            int taken = jdbc.update("""
                    update earning_rule set budget_used = budget_used + ?
                    where tenant_id = ? and id = ? and budget_used + ? <= budget""", ask, tenant(), ruleId, ask);
            if (taken == 1) {
                return ask;
            }
            ask = Math.min(points, budgetLeft(ruleId));
        }
        return 0;
    }

    long budgetLeft(UUID ruleId) {
        List<Long> left = jdbc.queryForList("select budget - budget_used from earning_rule where tenant_id = ? "
                + "and id = ?", Long.class, tenant(), ruleId);
        return left.isEmpty() || left.getFirst() == null ? 0 : Math.max(0, left.getFirst());
    }

    long usage(UUID ruleId, UUID memberId, String period) {
        List<Long> used = jdbc.queryForList("""
                select points from earning_rule_usage where tenant_id = ? and rule_id = ? and member_id = ?
                  and period = ?""", Long.class, tenant(), ruleId, memberId, period);
        return used.isEmpty() ? 0 : used.getFirst();
    }

    void addUsage(UUID ruleId, UUID memberId, String period, long points) {
        jdbc.update("""
                insert into earning_rule_usage (tenant_id, rule_id, member_id, period, points) values (?, ?, ?, ?, ?)
                on conflict (tenant_id, rule_id, member_id, period)
                do update set points = earning_rule_usage.points + excluded.points""",
                tenant(), ruleId, memberId, period, points);
    }

    boolean eventAwarded(UUID ruleId, UUID memberId, String occurrence) {
        return !jdbc.queryForList("""
                select 1 from earning_event_award where tenant_id = ? and rule_id = ? and member_id = ?
                  and occurrence = ?""", Integer.class, tenant(), ruleId, memberId, occurrence).isEmpty();
    }

    void insertEventAward(UUID ruleId, UUID memberId, String occurrence, long points) {
        jdbc.update("""
                insert into earning_event_award (tenant_id, rule_id, member_id, occurrence, points)
                values (?, ?, ?, ?, ?)""", tenant(), ruleId, memberId, occurrence, points);
    }

    private EarningRule rule(ResultSet row, int i) throws SQLException {
        Limits.PerMember limits = new Limits.PerMember(nullableLong(row, "limit_day"), nullableLong(row, "limit_week"),
                nullableLong(row, "limit_month"), nullableLong(row, "limit_lifetime"));
        boolean hasLimits = limits.day() != null || limits.week() != null || limits.month() != null
                || limits.lifetime() != null;
        return new EarningRule(row.getObject("id", UUID.class), row.getString("code"), row.getString("name"),
                Type.valueOf(row.getString("type").toUpperCase()), row.getString("trigger"),
                json.readValue(row.getString("params"), Params.class), row.getInt("priority"),
                Stacking.valueOf(row.getString("stacking").toUpperCase()), row.getBoolean("active"),
                instant(row, "active_from"), instant(row, "active_until"),
                hasLimits ? new Limits(limits) : Limits.NONE, nullableLong(row, "budget"), row.getLong("budget_used"));
    }

    private static Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static UUID tenant() {
        return TenantContext.require().value();
    }
}
