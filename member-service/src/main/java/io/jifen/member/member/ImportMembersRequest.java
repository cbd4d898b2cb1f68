package io.jifen.member.member;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A batch of members from the merchant's previous system. Rows are validated one by one (a bad row is reported, the
 * others go in); a body that is not JSON of this shape is refused whole.
 */
record ImportMembersRequest(@NotNull @Size(min = 1, max = MAX_ROWS) List<@NotNull Row> members) {

    static final int MAX_ROWS = 5000;

    /**
     * @param externalId     required here: it is what makes re-running the same file create no duplicates
     * @param openingBalance points to credit (points-service, from {@code member.imported})
     * @param tierCode       the tier held before, kept as a one-off assignment
     */
    record Row(
            @NotNull @Pattern(regexp = ProfileRules.EXTERNAL_ID) String externalId,
            @NotBlank @Size(max = 100) String name,
            @Pattern(regexp = ProfileRules.PHONE, message = "must be 5-20 digits, optionally after '+'") String phone,
            @Email @Size(max = 254) String email,
            @Pattern(regexp = ProfileRules.GENDER, message = "must be one of male, female, other, unknown") String gender,
            @Past LocalDate birthday,
            @Size(max = 500) String address,
            @Size(max = 50) Map<@NotBlank @Size(max = 64) String, @NotNull @Size(max = 500) String> attributes,
            @Size(max = 20) List<@NotNull @Pattern(regexp = ProfileRules.TAG) String> tags,
            @Pattern(regexp = "[0-9A-Za-z]{4,32}", message = "must be 4-32 letters or digits") String cardNumber,
            @Min(0) @Max(1_000_000_000_000L) Long openingBalance,
            @Size(max = 32) String tierCode) {

        RegisterMemberRequest registration() {
            return new RegisterMemberRequest(externalId, name, phone, email, gender, birthday, address, attributes,
                    tags, null, cardNumber);
        }
    }
}
