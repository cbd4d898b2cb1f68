package io.jifen.points.rules;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One rule's share of an award.
 *
 * @param capped the points a per-member limit or the rule's budget cut from it (omitted when nothing was cut)
 */
public record Award(String rule, long points, @JsonInclude(JsonInclude.Include.NON_DEFAULT) long capped) {

    public static long total(List<Award> awards) {
        return awards.stream().mapToLong(Award::points).sum();
    }
}
