package io.jifen.member.member;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A JSON merge patch of the profile: a field left out stays, a field sent as null is cleared (except the name).
 * Anything else (tenantId, status, tier, cardNumber, balance …) is an unknown field: 400.
 */
record UpdateMemberRequest(
        @Size(max = 100) String name,
        @Pattern(regexp = ProfileRules.PHONE, message = "must be 5-20 digits, optionally after '+'") String phone,
        @Email @Size(max = 254) String email,
        @Pattern(regexp = ProfileRules.GENDER, message = "must be one of male, female, other, unknown") String gender,
        @Past LocalDate birthday,
        @Size(max = 500) String address,
        @Size(max = 50) Map<@NotNull @Size(min = 1, max = 64) String, @NotNull @Size(max = 500) String> attributes,
        @Size(max = 20) List<@NotNull @Pattern(regexp = ProfileRules.TAG) String> tags) {
}
