package io.jifen.member.settings;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * @param requiredProfileFields any of name, phone, email, gender, birthday, address (may be empty: nothing to complete)
 * @param cardPrefix            1-6 digits that start every generated card number
 */
record UpdateMemberSettingsRequest(
        @NotNull @Size(max = 6) List<@NotNull @Pattern(regexp = "name|phone|email|gender|birthday|address",
                message = "must be one of name, phone, email, gender, birthday, address") String> requiredProfileFields,
        @NotNull @Pattern(regexp = "[0-9]{1,6}", message = "must be 1 to 6 digits") String cardPrefix) {
}
