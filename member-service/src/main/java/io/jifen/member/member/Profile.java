package io.jifen.member.member;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The personal data of a member: what registration sets, a patch changes and erasure removes. */
public record Profile(String externalId, String name, String phone, String email, String gender, LocalDate birthday,
        String address, Map<String, String> attributes, List<String> tags) {

    public Profile {
        // One mailbox, one spelling: uniqueness per tenant would otherwise miss Alice@X vs alice@x.
        email = email == null ? null : email.toLowerCase(Locale.ROOT);
    }

    /** Whether a profile field (by its API name) holds a value; used by the completeness rule. */
    public boolean has(String field) {
        Object value = switch (field) {
            case "name" -> name;
            case "phone" -> phone;
            case "email" -> email;
            case "gender" -> gender;
            case "birthday" -> birthday;
            case "address" -> address;
            default -> throw new IllegalArgumentException("Not a profile field: " + field);
        };
        return value != null && !(value instanceof String text && text.isBlank());
    }
}
