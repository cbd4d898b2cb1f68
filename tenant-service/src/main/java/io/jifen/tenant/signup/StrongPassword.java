package io.jifen.tenant.signup;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Locale;

/**
 * The admin password of a signup: 12 to 128 characters, at least one letter and one digit, and not containing the
 * e-mail's local part or the slug (the first things an attacker tries). A class-level constraint because it needs
 * the other fields; its violation is reported on {@code adminPassword}, next to the field errors.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = StrongPassword.Validator.class)
@interface StrongPassword {

    String message() default "must be 12 to 128 characters with letters and digits, and must not contain "
            + "the e-mail name or the slug";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<StrongPassword, SignupRequest> {

        @Override
        public boolean isValid(SignupRequest request, ConstraintValidatorContext context) {
            if (request == null || isStrong(request.adminPassword(), request.adminEmail(), request.slug())) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                    .addPropertyNode("adminPassword")
                    .addConstraintViolation();
            return false;
        }

        static boolean isStrong(String password, String email, String slug) {
            if (password == null || password.length() < 12 || password.length() > 128) {
                return false;
            }
            if (password.chars().noneMatch(Character::isLetter) || password.chars().noneMatch(Character::isDigit)) {
                return false;
            }
            String lower = password.toLowerCase(Locale.ROOT);
            return !containsPart(lower, localPart(email)) && !containsPart(lower, slug);
        }

        private static String localPart(String email) {
            int at = email == null ? -1 : email.indexOf('@');
            return at < 0 ? email : email.substring(0, at);
        }

        /** Parts under 3 characters are ignored: "a@x.cn" must not forbid every password with an 'a'. */
        private static boolean containsPart(String password, String part) {
            return part != null && part.length() >= 3 && password.contains(part.toLowerCase(Locale.ROOT));
        }
    }
}
