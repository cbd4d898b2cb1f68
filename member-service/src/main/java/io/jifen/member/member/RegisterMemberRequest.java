package io.jifen.member.member;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * @param externalId   the merchant's own customer id, unique in the tenant
 * @param referralCode another member's referral code (the referrer), not this member's own
 * @param cardNumber   a card from the merchant's own stock; absent: one is generated
 */
record RegisterMemberRequest(
        @Pattern(regexp = ProfileRules.EXTERNAL_ID) String externalId,
        @NotBlank @Size(max = 100) String name,
        @Pattern(regexp = ProfileRules.PHONE, message = "must be 5-20 digits, optionally after '+'") String phone,
        @Email @Size(max = 254) String email,
        @Pattern(regexp = ProfileRules.GENDER, message = "must be one of male, female, other, unknown") String gender,
        @Past LocalDate birthday,
        @Size(max = 500) String address,
        @Size(max = 50) Map<@NotBlank @Size(max = 64) String, @NotNull @Size(max = 500) String> attributes,
        @Size(max = 20) List<@NotNull @Pattern(regexp = ProfileRules.TAG) String> tags,
        @Size(max = 16) String referralCode,
        @Pattern(regexp = "[0-9A-Za-z]{4,32}", message = "must be 4-32 letters or digits") String cardNumber) {

    Profile profile() {
        return new Profile(externalId, name.strip(), phone, email, gender, birthday, address, attributes, tags);
    }
}
