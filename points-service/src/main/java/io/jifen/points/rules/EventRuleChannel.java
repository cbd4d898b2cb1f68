package io.jifen.points.rules;

import io.jifen.plugin.api.ChannelContext;
import io.jifen.plugin.api.ChannelEvent;
import io.jifen.plugin.api.ChannelResult;
import io.jifen.plugin.api.EarningChannel;
import java.util.Map;
import java.util.function.Function;

/**
 * The built-in channels of member events paid by event rules: {@code registration}, {@code referral} (either side:
 * attribute {@code role} is {@code referee} or {@code referrer}), {@code profile-completed}, {@code birthday} and
 * {@code custom} (attribute {@code type}: what {@code POST /api/v1/events} was sent). Each evaluates the tenant's
 * live event rules for the trigger its event stands for, at the event's instant; nothing else (the occurrence that
 * makes an award once per member is the host's, at write time). First purchases belong to {@link PurchaseChannel}.
 */
final class EventRuleChannel implements EarningChannel {

    static final EventRuleChannel REGISTRATION = new EventRuleChannel("registration", "Registration",
            "Points for joining, from member-service's member.registered", attributes -> "registration");
    static final EventRuleChannel REFERRAL = new EventRuleChannel("referral", "Referral",
            "Points for both sides of a referral, from member.registered with a referrer",
            attributes -> "referral-" + role(attributes));
    static final EventRuleChannel PROFILE_COMPLETED = new EventRuleChannel("profile-completed", "Completed profile",
            "Points for completing the member profile, from member.profile-completed",
            attributes -> "profile-completed");
    static final EventRuleChannel BIRTHDAY = new EventRuleChannel("birthday", "Birthday",
            "Points on the member's birthday, once a year, from member.birthday", attributes -> "birthday");
    static final EventRuleChannel CUSTOM = new EventRuleChannel("custom", "Custom events",
            "Points for the merchant's own events (POST /api/v1/events), by their type", EventRuleChannel::custom);

    private final String id;
    private final String displayName;
    private final String description;
    private final Function<Map<String, Object>, String> trigger;

    private EventRuleChannel(String id, String displayName, String description,
            Function<Map<String, Object>, String> trigger) {
        this.id = id;
        this.displayName = displayName;
        this.description = description;
        this.trigger = trigger;
    }

    /** Which channel pays an event rule trigger, and the attributes its event carries. */
    record Routed(EventRuleChannel channel, Map<String, Object> attributes) {
    }

    static Routed route(String trigger) {
        if (trigger.startsWith("custom:")) {
            return new Routed(CUSTOM, Map.of("type", trigger.substring("custom:".length())));
        }
        return switch (trigger) {
            case "registration" -> new Routed(REGISTRATION, Map.of());
            case "referral-referee" -> new Routed(REFERRAL, Map.of("role", "referee"));
            case "referral-referrer" -> new Routed(REFERRAL, Map.of("role", "referrer"));
            case "profile-completed" -> new Routed(PROFILE_COMPLETED, Map.of());
            case "birthday" -> new Routed(BIRTHDAY, Map.of());
            default -> throw new IllegalArgumentException("No built-in channel pays trigger " + trigger);
        };
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String displayName() {
        return displayName;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String configSchema() {
        return ChannelRules.SCHEMA;
    }

    @Override
    public ChannelResult evaluate(ChannelEvent event, ChannelContext context) {
        String rewarded = trigger.apply(event.attributes());
        return ChannelRules.result(RuleEvaluator.event(rewarded, event.occurredAt(), ChannelRules.of(context)),
                "no live rule rewards " + rewarded);
    }

    private static String role(Map<String, Object> attributes) {
        Object role = attributes.get("role");
        if (!"referee".equals(role) && !"referrer".equals(role)) {
            throw new IllegalArgumentException("A referral event's role is referee or referrer, not " + role);
        }
        return (String) role;
    }

    private static String custom(Map<String, Object> attributes) {
        if (!(attributes.get("type") instanceof String type) || type.isBlank()) {
            throw new IllegalArgumentException("A custom event names its type");
        }
        return "custom:" + type;
    }
}
