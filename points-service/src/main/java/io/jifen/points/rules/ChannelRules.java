package io.jifen.points.rules;

import io.jifen.plugin.api.ChannelContext;
import io.jifen.plugin.api.ChannelResult;
import io.jifen.points.rules.RuleEvaluator.Proposed;
import java.util.List;
import java.util.Map;

/**
 * What the built-in rule channels share: the tenant's earning rules are their config (the host hands them over, as
 * it hands a plugin its tenant's config), and they answer one award per rule, the rule's code as its reason.
 */
final class ChannelRules {

    /** The config key holding the tenant's rules. */
    static final String RULES = "rules";

    /** Nothing a tenant sets on the channel itself: its rules are written through {@code /api/v1/earning-rules}. */
    static final String SCHEMA = """
            {"type": "object", "properties": {},
             "description": "Configured through the tenant's earning rules (/api/v1/earning-rules)"}""";

    private ChannelRules() {
    }

    static Map<String, Object> config(List<EarningRule> rules) {
        return Map.of(RULES, List.copyOf(rules));
    }

    static List<EarningRule> of(ChannelContext context) {
        if (!(context.config().get(RULES) instanceof List<?> rules)) {
            throw new IllegalArgumentException("A rule channel's config holds the tenant's rules under '" + RULES
                    + "'");
        }
        return rules.stream().map(EarningRule.class::cast).toList();
    }

    /** The proposals as awards, or a rejection saying {@code none} when no rule awards anything. */
    static ChannelResult result(List<Proposed> proposed, String none) {
        if (proposed.isEmpty()) {
            return ChannelResult.reject(none);
        }
        return new ChannelResult.Awarded(proposed.stream()
                .map(award -> new ChannelResult.Award(award.points(), award.rule().code())).toList());
    }
}
