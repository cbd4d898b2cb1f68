package io.jifen.points.transaction;

import io.jifen.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A transaction PostgreSQL aborted to break a deadlock or a serialization conflict (or a lock it could not get)
 * changed nothing, and its Idempotency-Key was released: 503 {@code transaction_conflict} with {@code Retry-After},
 * so the client retries with the same key, instead of the 500 an unexpected failure gets.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class TransactionConflicts {

    private static final Logger log = LoggerFactory.getLogger(TransactionConflicts.class);

    @ExceptionHandler(ConcurrencyFailureException.class)
    ResponseEntity<ProblemDetail> handleConflict(ConcurrencyFailureException ex) {
        log.warn("Transaction aborted by a concurrent one; the client may retry", ex);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "transaction_conflict",
                        "A concurrent request touched the same accounts; nothing was changed, retry with the same "
                                + "Idempotency-Key"));
    }
}
