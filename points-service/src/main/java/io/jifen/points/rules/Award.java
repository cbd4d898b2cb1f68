package io.jifen.points.rules;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One rule's share of an award.
 *
 * @param capped the points a per-member limit or the rule's budget cut from it (omitted when nothing was cut)
 */
public record Award(String rule, long points, @JsonInclude(JsonInclude.Include.NON_DEFAULT) long capped) {

    /** Reads a stored award back ({@code capped} is left out of the JSON when nothing was cut). */
    @JsonCreator
    static Award read(@JsonProperty("rule") String rule, @JsonProperty("points") long points,
            @JsonProperty("capped") Long capped) {
        return new Award(rule, points, capped == null ? 0 : capped);
    }

    public static long total(List<Award> awards) {
        return awards.stream().mapToLong(Award::points).sum();
    }
}
