package io.jifen.points.rules;

import io.jifen.plugin.api.ChannelContext;
import io.jifen.plugin.api.ChannelEvent;
import io.jifen.plugin.api.ChannelResult;
import io.jifen.plugin.api.EarningChannel;

/**
 * Built-in channel {@code purchase}: what a purchase earns under the tenant's spend and multiplier rules, and its
 * first-purchase event rules on a member's first purchase. A pure function of the event ({@link PurchaseAttributes})
 * and the rules in its config, like a plugin's evaluate; limits and budgets are the host's, at write time.
 */
final class PurchaseChannel implements EarningChannel {

    static final PurchaseChannel INSTANCE = new PurchaseChannel();

    @Override
    public String id() {
        return "purchase";
    }

    @Override
    public String displayName() {
        return "Purchase";
    }

    @Override
    public String description() {
        return "Points for purchases (POST /api/v1/purchases) under the tenant's spend and multiplier rules, and "
                + "its first-purchase rules on a member's first purchase";
    }

    @Override
    public String configSchema() {
        return ChannelRules.SCHEMA;
    }

    @Override
    public ChannelResult evaluate(ChannelEvent event, ChannelContext context) {
        return ChannelRules.result(RuleEvaluator.purchase(PurchaseAttributes.facts(event), ChannelRules.of(context)),
                "no rule awards this purchase");
    }
}
