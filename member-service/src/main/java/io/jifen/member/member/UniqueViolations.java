package io.jifen.member.member;

import io.jifen.web.ApiException;
import io.jifen.web.Problems;
import java.util.Map;
import org.hibernate.exception.ConstraintViolationException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Uniqueness is the database's job (concurrent registrations race past any check made first); this turns the
 * unique index a write ran into back into the 409 the client can act on.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UniqueViolations {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(UniqueViolations.class);

    private static final Map<String, ApiException> BY_CONSTRAINT = Map.of(
            "member_external_id_key", ApiException.conflict("external_id_taken", "Another member has this externalId"),
            "member_phone_key", ApiException.conflict("phone_taken", "Another member has this phone number"),
            "member_email_key", ApiException.conflict("email_taken", "Another member has this e-mail address"),
            "member_referral_code_key", ApiException.conflict("referral_code_clash",
                    "A generated referral code clashed with another member's: please retry"),
            "card_pkey", ApiException.conflict("card_number_taken", "This card number is already in use"));

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> conflict(DataIntegrityViolationException ex) {
        ApiException known = BY_CONSTRAINT.get(constraintOf(ex));
        if (known == null) {
            log.error("Integrity violation the client cannot fix", ex);
            return ResponseEntity.internalServerError().body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR,
                    "internal_error", "Something went wrong on our side. Quote the requestId when you contact support."));
        }
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .body(Problems.of(HttpStatus.CONFLICT, known.code(), known.getMessage()));
    }

    /** The client-facing code of a uniqueness violation, or null when it is not one the client can fix. */
    static ApiException translate(DataIntegrityViolationException ex) {
        return BY_CONSTRAINT.get(constraintOf(ex));
    }

    private static String constraintOf(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConstraintViolationException violation && violation.getConstraintName() != null) {
                return violation.getConstraintName();
            }
        }
        return null;
    }
}
