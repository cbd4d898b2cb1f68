package io.jifen.tenant.tenant;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Set;

/**
 * A BCP 47 language tag with an ISO 639 language and, if any, an ISO 3166 region ({@code zh-CN}, {@code en});
 * {@code null} is valid (not given).
 */
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = LocaleTag.Validator.class)
public @interface LocaleTag {

    String message() default "must be a language tag such as zh-CN or en";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<LocaleTag, String> {

        private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());
        private static final Set<String> REGIONS = Set.of(Locale.getISOCountries());

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            try {
                Locale locale = new Locale.Builder().setLanguageTag(value).build();
                return LANGUAGES.contains(locale.getLanguage())
                        && (locale.getCountry().isEmpty() || REGIONS.contains(locale.getCountry()))
                        && value.length() <= 35;
            } catch (IllformedLocaleException e) {
                return false;
            }
        }
    }
}
