package io.jifen.plugins.checkin;

import io.jifen.plugin.api.ChannelContext;
import io.jifen.plugin.api.ChannelEvent;
import io.jifen.plugin.api.ChannelResult;
import io.jifen.plugin.api.ChannelResult.Award;
import io.jifen.plugin.api.EarningChannel;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * Daily check-in: {@code pointsPerDay} once per member per day in the tenant's time zone; every
 * {@code streakBonusDays}-th consecutive day adds {@code streakBonusPoints}; a missed day starts the streak again.
 * The member's last day and streak are one value set by compare-and-set, so two concurrent check-ins of one member
 * cannot both pass.
 */
@Extension
public class CheckinChannel implements EarningChannel {

    static final String SCHEMA = """
            {"type": "object",
             "properties": {
               "pointsPerDay": {"type": "integer", "minimum": 1, "maximum": 10000, "default": 10},
               "streakBonusDays": {"type": "integer", "minimum": 2, "maximum": 366, "default": 7},
               "streakBonusPoints": {"type": "integer", "minimum": 0, "maximum": 100000, "default": 50}
             }}""";

    @Override
    public String id() {
        return "checkin";
    }

    @Override
    public String displayName() {
        return "Daily check-in (签到)";
    }

    @Override
    public String description() {
        return "Points for checking in once a day, with a bonus on every streak milestone";
    }

    @Override
    public String configSchema() {
        return SCHEMA;
    }

    @Override
    public ChannelResult evaluate(ChannelEvent event, ChannelContext context) {
        LocalDate today = LocalDate.now(context.clock());
        String key = "streak:" + event.memberId();
        Optional<String> stored = context.store().get(key);
        Streak last = stored.map(Streak::parse).orElse(null);
        if (last != null && !last.day().isBefore(today)) {
            return ChannelResult.reject("already checked in today");
        }
        int streak = last != null && last.day().plusDays(1).equals(today) ? last.days() + 1 : 1;
        if (!context.store().compareAndSet(key, stored, new Streak(today, streak).format())) {
            return ChannelResult.reject("already checked in today");
        }
        List<Award> awards = new ArrayList<>();
        awards.add(new Award(integer(context, "pointsPerDay", 10), "daily check-in, day " + streak));
        long bonusDays = integer(context, "streakBonusDays", 7);
        long bonus = integer(context, "streakBonusPoints", 50);
        if (bonus > 0 && streak % bonusDays == 0) {
            awards.add(new Award(bonus, streak + "-day check-in streak"));
        }
        return new ChannelResult.Awarded(awards);
    }

    private static long integer(ChannelContext context, String name, long fallback) {
        return context.config().get(name) instanceof Number number ? number.longValue() : fallback;
    }

    /** {@code 2026-03-01|3}: the last day checked in and the streak it ended. */
    record Streak(LocalDate day, int days) {
        static Streak parse(String value) {
            int bar = value.indexOf('|');
            return new Streak(LocalDate.parse(value.substring(0, bar)), Integer.parseInt(value.substring(bar + 1)));
        }

        String format() {
            return day + "|" + days;
        }
    }
}
