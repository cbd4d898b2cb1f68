package io.jifen.points.rules;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** How many points one rule may give one member per calendar period (the tenant's time zone) and over the member's lifetime. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Limits(@Valid PerMember perMember) {

    static final Limits NONE = new Limits(null);

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PerMember(
            @Min(1) @Max(Rules.MAX_POINTS) Long day,
            @Min(1) @Max(Rules.MAX_POINTS) Long week,
            @Min(1) @Max(Rules.MAX_POINTS) Long month,
            @Min(1) @Max(Rules.MAX_POINTS) Long lifetime) {
    }

    /** Whether any period (or the lifetime) has a limit. */
    boolean limited() {
        return perMember != null && (perMember.day() != null || perMember.week() != null
                || perMember.month() != null || perMember.lifetime() != null);
    }

    PerMember orEmpty() {
        return perMember == null ? new PerMember(null, null, null, null) : perMember;
    }
}
