package io.jifen.points.purchase;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.time.Instant;

/**
 * When a sale can have happened: from 1970 to a day ahead of now (a till's clock may run a little fast); {@code null}
 * is valid (not given: now). Anything else is a broken till clock or a typo, and a year past 9999 could not even be
 * stored.
 */
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = PlausibleSaleTime.Validator.class)
@interface PlausibleSaleTime {

    String message() default "must be between 1970-01-01T00:00:00Z and a day from now";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<PlausibleSaleTime, Instant> {

        private static final Duration AHEAD = Duration.ofDays(1);

        @Override
        public boolean isValid(Instant value, ConstraintValidatorContext context) {
            return value == null || !value.isBefore(Instant.EPOCH) && !value.isAfter(Instant.now().plus(AHEAD));
        }
    }
}
