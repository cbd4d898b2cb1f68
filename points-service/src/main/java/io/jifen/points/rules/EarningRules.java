package io.jifen.points.rules;

import io.jifen.tenancy.TenantContext;
import io.jifen.web.ApiException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A tenant's earning rules. A tenant starts with the default program (seeded on first use, {@link RuleStore#seedOnce});
 * changes apply to what is evaluated afterwards: recorded purchases keep the awards they got.
 */
@Service
class EarningRules {

    /** Every purchase evaluates all of a tenant's rules: a bound keeps that cheap. */
    static final int MAX_RULES = 200;

    /** Tenants whose evaluated rules an instance keeps; beyond that the map starts over (a re-read, never stale). */
    static final int MAX_CACHED_TENANTS = 10_000;

    private final RuleStore store;
    private final Map<UUID, Versioned> evaluated = new ConcurrentHashMap<>();

    EarningRules(RuleStore store) {
        this.store = store;
    }

    private record Versioned(long version, List<EarningRule> rules) {
    }

    /**
     * The rules an event is evaluated with: {@link #live()}, kept in memory per tenant and rules version. Every rule
     * write raises the version in its own transaction, and the version is read here before the rules, so a purchase
     * never uses rules older than the last change committed before it began (rule changes apply to new events at
     * once, on every instance). Their {@code budgetUsed} may be old: budgets are taken by a conditional UPDATE.
     */
    @Transactional
    List<EarningRule> forEvaluation() {
        Optional<Long> version = store.version();
        if (version.isEmpty()) {
            store.seedOnce();
            version = store.version();
        }
        UUID tenant = TenantContext.require().value();
        Versioned cached = evaluated.get(tenant);
        if (cached != null && cached.version() == version.orElseThrow()) {
            return cached.rules();
        }
        List<EarningRule> rules = List.copyOf(store.all());
        if (evaluated.size() >= MAX_CACHED_TENANTS) {
            evaluated.clear();
        }
        evaluated.put(tenant, new Versioned(version.orElseThrow(), rules));
        return rules;
    }

    /** The rules version a caller's own statement read in this transaction ({@link RuleStore#rememberVersion}). */
    void rememberVersion(long version) {
        store.rememberVersion(version);
    }

    /** Every rule of the tenant (live or not), the default program seeded if this is the first use. */
    @Transactional
    List<EarningRule> live() {
        if (!store.isSeeded()) {
            store.seedOnce();
        }
        return store.all();
    }

    /** The rules as they are, without seeding: the default program when the tenant has not used rules yet. */
    @Transactional
    List<EarningRule> withoutSeeding() {
        return store.isSeeded() ? store.all() : List.of(RuleStore.defaultRule(new UUID(0, 0)));
    }

    @Transactional
    List<EarningRuleResponse> list() {
        return live().stream().map(EarningRuleResponse::of).toList();
    }

    @Transactional
    EarningRuleResponse get(UUID id) {
        live();
        return EarningRuleResponse.of(store.find(id, false).orElseThrow(() -> notFound(id)));
    }

    @Transactional
    EarningRuleResponse create(EarningRuleRequest request) {
        if (live().size() >= MAX_RULES) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "rule_limit_reached",
                    "A tenant has at most " + MAX_RULES + " earning rules; delete one first");
        }
        EarningRule rule = request.toRule(UUID.randomUUID());
        if (!store.insert(rule)) {
            throw codeExists(rule.code());
        }
        return EarningRuleResponse.of(rule);
    }

    @Transactional
    EarningRuleResponse replace(UUID id, EarningRuleRequest request) {
        EarningRule current = store.find(id, true).orElseThrow(() -> notFound(id));
        EarningRule rule = request.toRule(id);
        if (store.codeTaken(rule.code(), id)) {
            throw codeExists(rule.code());
        }
        if (rule.budget() != null && rule.budget() < current.budgetUsed()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "budget_below_used",
                    "The rule has already awarded " + current.budgetUsed() + " points of its budget",
                    Map.of("budgetUsed", current.budgetUsed()));
        }
        try {
            store.update(rule);
        } catch (DuplicateKeyException e) {
            throw codeExists(rule.code()); // another request took the code since the check above
        }
        return EarningRuleResponse.of(store.find(id, false).orElseThrow());
    }

    @Transactional
    void delete(UUID id) {
        if (!store.delete(id)) {
            throw notFound(id);
        }
    }

    private static ApiException notFound(UUID id) {
        return new ApiException(HttpStatus.NOT_FOUND, "rule_not_found", "Earning rule " + id + " was not found");
    }

    private static ApiException codeExists(String code) {
        return ApiException.conflict("rule_code_exists", "An earning rule with code '" + code + "' already exists");
    }
}
