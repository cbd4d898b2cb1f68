package io.jifen.plugins.survey;

import io.jifen.plugin.api.ChannelContext;
import io.jifen.plugin.api.ChannelEvent;
import io.jifen.plugin.api.ChannelResult;
import io.jifen.plugin.api.EarningChannel;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * Points for a completed questionnaire ({@code attributes.surveyId}, {@code attributes.answered} questions), once
 * per member and survey; a response with fewer than {@code minAnswers} answers earns nothing and does not count.
 */
@Extension
public class SurveyChannel implements EarningChannel {

    static final String SCHEMA = """
            {"type": "object",
             "properties": {
               "points": {"type": "integer", "minimum": 1, "maximum": 100000, "default": 20},
               "minAnswers": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 1}
             }}""";

    @Override
    public String id() {
        return "survey";
    }

    @Override
    public String displayName() {
        return "Survey";
    }

    @Override
    public String description() {
        return "Points for completing a questionnaire, once per survey";
    }

    @Override
    public String configSchema() {
        return SCHEMA;
    }

    @Override
    public ChannelResult evaluate(ChannelEvent event, ChannelContext context) {
        if (!(event.attributes().get("surveyId") instanceof String surveyId) || surveyId.isBlank()
                || surveyId.length() > 100) {
            return ChannelResult.reject("attributes.surveyId must be a survey id of 1-100 characters");
        }
        long answered = event.attributes().get("answered") instanceof Number number ? number.longValue() : 0;
        if (answered < integer(context, "minAnswers", 1)) {
            return ChannelResult.reject("the survey was not completed");
        }
        String key = "done:" + event.memberId() + ":" + surveyId;
        if (!context.store().compareAndSet(key, Optional.empty(), "1")) {
            return ChannelResult.reject("this survey was already rewarded");
        }
        return ChannelResult.award(new ChannelResult.Award(integer(context, "points", 20),
                "completed survey " + surveyId));
    }

    private static long integer(ChannelContext context, String name, long fallback) {
        return context.config().get(name) instanceof Number number ? number.longValue() : fallback;
    }
}
