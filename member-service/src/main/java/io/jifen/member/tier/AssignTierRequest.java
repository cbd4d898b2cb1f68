package io.jifen.member.tier;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * @param tierCode a code on the tenant's ladder
 * @param reason   why (kept in the tier history and the event)
 * @param mode     floor: the member never falls below this tier (and is raised to it now if lower);
 *                 one-off: the member is put on this tier now, up or down, and normal rules apply from there
 */
record AssignTierRequest(
        @NotBlank @Size(max = 32) String tierCode,
        @NotBlank @Size(max = 200) String reason,
        @NotNull Mode mode) {

    enum Mode {
        @JsonProperty("floor") FLOOR,
        @JsonProperty("one-off") ONE_OFF
    }
}
