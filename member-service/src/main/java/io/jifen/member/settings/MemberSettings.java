package io.jifen.member.settings;

import java.util.List;

/**
 * A tenant's member settings.
 *
 * @param requiredProfileFields the profile fields whose filling completes a profile ({@code member.profile-completed})
 * @param cardPrefix            the digits every generated card number starts with
 */
public record MemberSettings(List<String> requiredProfileFields, String cardPrefix) {

    /** What a tenant that never saved settings gets. */
    public static final MemberSettings DEFAULTS = new MemberSettings(List.of("name", "phone", "birthday"), "8");

    public static final List<String> PROFILE_FIELDS = List.of("name", "phone", "email", "gender", "birthday", "address");
}
