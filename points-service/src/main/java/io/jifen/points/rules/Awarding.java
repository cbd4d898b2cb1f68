package io.jifen.points.rules;

import io.jifen.points.ledger.Ledger;
import io.jifen.points.rules.RuleEvaluator.Proposed;
import io.jifen.points.settings.LedgerSettings;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Caps proposed awards by the rules' per-member limits and budgets, at write time, under the member's account lock
 * (so two purchases of one member cannot both see the same room under a limit). Budgets are shared by all members
 * and taken by a conditional UPDATE that cannot overspend. An award cut to nothing drops out.
 * <p>
 * Event rules pay once per (rule, member, occurrence): the occurrence names the thing rewarded (a registration, a
 * birthday year, a custom event id), so a redelivered or republished event finds its row and pays nothing.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class Awarding {

    private final RuleStore store;
    private final Ledger ledger;
    private final LedgerSettings settings;

    Awarding(RuleStore store, Ledger ledger, LedgerSettings settings) {
        this.store = store;
        this.ledger = ledger;
        this.settings = settings;
    }

    /**
     * @param occurrence what event rules among {@code proposed} reward (once per rule and member)
     */
    List<Award> grant(UUID memberId, List<Proposed> proposed, Instant at, String occurrence) {
        if (proposed.isEmpty()) {
            return List.of();
        }
        if (proposed.stream().anyMatch(award -> readsMemberState(award.rule()))) {
            ledger.lockAll(List.of(memberId));
        }
        ZoneId zone = settings.zone();
        List<Award> awards = new ArrayList<>();
        for (Proposed award : proposed) {
            EarningRule rule = award.rule();
            boolean isEvent = rule.type() == EarningRule.Type.EVENT;
            if (isEvent && store.eventAwarded(rule.id(), memberId, occurrence)) {
                continue;
            }
            long granted = take(memberId, award, at, zone);
            if (granted > 0) {
                awards.add(new Award(rule.code(), granted, award.points() - granted));
            }
            if (isEvent) {
                store.insertEventAward(rule.id(), memberId, occurrence, granted);
            }
        }
        return awards;
    }

    /** What is left of the award under the member's limits and the rule's budget, recorded as used. */
    private long take(UUID memberId, Proposed award, Instant at, ZoneId zone) {
        EarningRule rule = award.rule();
        Map<String, Long> periods = periods(rule.limits(), at, zone);
        long granted = Math.min(award.points(), room(rule, memberId, periods));
        if (granted > 0 && rule.budget() != null) {
            granted = store.takeBudget(rule.id(), granted);
        }
        if (granted > 0) {
            for (String period : periods.keySet()) {
                store.addUsage(rule.id(), memberId, period, granted);
            }
        }
        return granted;
    }

    /**
     * Whether granting the rule's award reads or takes something that two earns at once could both see: a per-member
     * limit's room, a budget, an event rule's once per member. Only then does {@link #grant} lock the member's account
     * first (a budget too, so that its row is always locked after the account, never before); an award of any other
     * rule is granted as proposed.
     */
    static boolean readsMemberState(EarningRule rule) {
        return rule.type() == EarningRule.Type.EVENT || rule.budget() != null || rule.limits().limited();
    }

    /**
     * Whether granting a purchase's awards under {@code rules} may read the member's state: one of the rules a
     * purchase evaluates (spend, multiplier, first purchase; active or not) {@link #readsMemberState}.
     */
    static boolean purchaseReadsMemberState(List<EarningRule> rules) {
        return rules.stream()
                .filter(rule -> rule.type() != EarningRule.Type.EVENT || Rules.FIRST_PURCHASE.equals(rule.trigger()))
                .anyMatch(Awarding::readsMemberState);
    }

    /** What {@link #grant} would give now, without locking or writing anything (simulations). */
    List<Award> preview(UUID memberId, List<Proposed> proposed, Instant at) {
        List<Award> awards = new ArrayList<>();
        ZoneId zone = settings.zone();
        for (Proposed award : proposed) {
            EarningRule rule = award.rule();
            long granted = award.points();
            if (memberId != null) {
                granted = Math.min(granted, room(rule, memberId, periods(rule.limits(), at, zone)));
            }
            if (rule.budget() != null) {
                granted = Math.min(granted, Math.max(0, rule.budget() - rule.budgetUsed()));
            }
            if (granted > 0) {
                awards.add(new Award(rule.code(), granted, award.points() - granted));
            }
        }
        return awards;
    }

    private long room(EarningRule rule, UUID memberId, Map<String, Long> periods) {
        long room = Long.MAX_VALUE;
        for (Map.Entry<String, Long> period : periods.entrySet()) {
            room = Math.min(room, Math.max(0, period.getValue() - store.usage(rule.id(), memberId, period.getKey())));
        }
        return room;
    }

    /**
     * The limited periods {@code at} falls in on the tenant's calendar ({@code zone}), keyed as stored, with their
     * limits.
     */
    static Map<String, Long> periods(Limits limits, Instant at, ZoneId zone) {
        Limits.PerMember perMember = limits.orEmpty();
        LocalDate day = LocalDate.ofInstant(at, zone);
        Map<String, Long> periods = new LinkedHashMap<>();
        if (perMember.day() != null) {
            periods.put("day:" + day, perMember.day());
        }
        if (perMember.week() != null) {
            periods.put("week:%d-W%02d".formatted(day.get(IsoFields.WEEK_BASED_YEAR),
                    day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)), perMember.week());
        }
        if (perMember.month() != null) {
            periods.put("month:%d-%02d".formatted(day.getYear(), day.getMonthValue()), perMember.month());
        }
        if (perMember.lifetime() != null) {
            periods.put("lifetime", perMember.lifetime());
        }
        return periods;
    }
}
