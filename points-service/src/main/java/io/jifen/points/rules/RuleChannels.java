package io.jifen.points.rules;

import io.jifen.plugin.api.ChannelEvent;
import io.jifen.plugin.api.EarningChannel;
import io.jifen.points.channel.Accepted;
import io.jifen.points.channel.ChannelPipeline;
import io.jifen.points.rules.RuleEvaluator.Proposed;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The host's side of the built-in rule channels: puts a purchase's or a member event's facts into a
 * {@link ChannelEvent} and the tenant's rules into the channel's config, runs the channel through the
 * {@link ChannelPipeline} (inline, then the output check every channel's proposal gets), and grants what passed under
 * the rules' limits and budgets ({@link Awarding}). The callers then post the granted points through the velocity
 * guard to the ledger, as before. A cut by the per-event cap shows in the award's {@code capped}, like a limit's.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class RuleChannels {

    /** A simulated purchase is no event of its own. */
    static final String SIMULATION = "simulation";

    private final ChannelPipeline pipeline;
    private final Awarding awarding;

    RuleChannels(ChannelPipeline pipeline, Awarding awarding) {
        this.pipeline = pipeline;
        this.awarding = awarding;
    }

    /** The awards of a purchase being recorded, limits and budgets taken (the member's account locked). */
    List<Award> purchase(String orderId, UUID memberId, PurchaseFacts facts, List<EarningRule> rules) {
        ChannelEvent event = new ChannelEvent(orderId, memberId.toString(), facts.at(), PurchaseAttributes.of(facts));
        return run(PurchaseChannel.INSTANCE, event, rules,
                proposed -> awarding.grant(memberId, proposed, facts.at(), Rules.FIRST_PURCHASE));
    }

    /** What a purchase would get now, without locking or writing anything; {@code memberId} may be null. */
    List<Award> preview(UUID memberId, PurchaseFacts facts, List<EarningRule> rules) {
        ChannelEvent event = new ChannelEvent(SIMULATION, memberId == null ? "" : memberId.toString(), facts.at(),
                PurchaseAttributes.of(facts));
        return run(PurchaseChannel.INSTANCE, event, rules, proposed -> awarding.preview(memberId, proposed,
                facts.at()));
    }

    /** The event rules' awards for one occurrence of a member event, each once per rule and member. */
    List<Award> event(UUID memberId, String trigger, String occurrence, Instant at, List<EarningRule> rules) {
        EventRuleChannel.Routed routed = EventRuleChannel.route(trigger);
        ChannelEvent event = new ChannelEvent(occurrence, memberId.toString(), at, routed.attributes());
        return run(routed.channel(), event, rules, proposed -> awarding.grant(memberId, proposed, at, occurrence));
    }

    private List<Award> run(EarningChannel channel, ChannelEvent event, List<EarningRule> rules,
            Function<List<Proposed>, List<Award>> grant) {
        Map<String, EarningRule> byCode = new LinkedHashMap<>();
        rules.forEach(rule -> byCode.putIfAbsent(rule.code(), rule));
        return pipeline.runBuiltIn(channel, event, ChannelRules.config(rules), byCode.keySet(), accepted -> {
            if (accepted.isRejected()) {
                return List.of();
            }
            // A share the cap cut to nothing still goes in: an event rule records its occurrence as paid.
            List<Proposed> proposed = accepted.awards().stream()
                    .map(share -> new Proposed(byCode.get(share.award().reason()), share.points())).toList();
            return withCuts(grant.apply(proposed), accepted);
        });
    }

    /** Adds what the per-event cap cut to each award's {@code capped}, which so far counts limits and budgets. */
    private static List<Award> withCuts(List<Award> awards, Accepted accepted) {
        Map<String, Long> cuts = new LinkedHashMap<>();
        accepted.awards().stream().filter(share -> share.cut() > 0)
                .forEach(share -> cuts.put(share.award().reason(), share.cut()));
        if (cuts.isEmpty()) {
            return awards;
        }
        return awards.stream().map(award -> new Award(award.rule(), award.points(),
                award.capped() + cuts.getOrDefault(award.rule(), 0L))).toList();
    }
}
