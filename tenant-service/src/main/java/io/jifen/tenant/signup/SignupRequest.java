package io.jifen.tenant.signup;

import io.jifen.tenant.tenant.CurrencyCode;
import io.jifen.tenant.tenant.LocaleTag;
import io.jifen.tenant.tenant.TenantSettings;
import io.jifen.tenant.tenant.TimeZoneId;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Locale;

/**
 * A merchant signing up. All constraints are checked together, so one 400 lists every bad field. Currency,
 * time zone and locale are optional (defaults: CNY, Asia/Shanghai, zh-CN).
 */
@StrongPassword
record SignupRequest(
        @NotBlank @Size(max = 100) String name,
        @NotNull @Pattern(regexp = "^[a-z0-9][a-z0-9-]{2,39}$",
                message = "must be 3 to 40 lower-case letters, digits or '-', not starting with '-'") String slug,
        @NotBlank @Size(max = 254)
        @Email(regexp = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", message = "must be an e-mail address") String adminEmail,
        String adminPassword,
        @CurrencyCode String currency,
        @TimeZoneId String timezone,
        @LocaleTag String locale) {

    /** Keycloak lower-cases usernames: so do we, or uniqueness would differ between the two. */
    String email() {
        return adminEmail.trim().toLowerCase(Locale.ROOT);
    }

    String currencyOrDefault() {
        return currency == null ? TenantSettings.DEFAULT_CURRENCY : currency;
    }

    String timezoneOrDefault() {
        return timezone == null ? TenantSettings.DEFAULT_TIMEZONE : timezone;
    }

    String localeOrDefault() {
        return locale == null ? TenantSettings.DEFAULT_LOCALE : locale;
    }

    @Override
    public String toString() {
        return "SignupRequest[slug=" + slug + ", adminEmail=" + adminEmail + "]"; // never log the password
    }
}
