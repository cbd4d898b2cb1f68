package io.jifen.web;

import jakarta.validation.ConstraintViolationException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.validation.BindException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every failure into an RFC 9457 problem with a stable {@code code}. Client mistakes get a 4xx that says
 * what is wrong (and which fields); anything unexpected is a 500 that says nothing of the internals.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> handleApi(ApiException ex) {
        ProblemDetail problem = Problems.of(ex.status(), ex.code(), ex.getMessage());
        ex.properties().forEach(problem::setProperty);
        return ResponseEntity.status(ex.status()).body(problem);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex) {
        List<FieldError> errors = ex.getConstraintViolations().stream()
                .map(v -> new FieldError(leaf(v.getPropertyPath().toString()), v.getMessage()))
                .sorted()
                .toList();
        return validationFailed(errors);
    }

    /** Security decides these; re-thrown so its entry point and access-denied handler answer (401/403). */
    @ExceptionHandler({AccessDeniedException.class, AuthenticationException.class})
    void rethrowSecurity(RuntimeException ex) {
        throw ex;
    }

    /**
     * A transaction PostgreSQL aborted to break a deadlock or a serialization conflict (or a lock it could not get)
     * changed nothing, and an Idempotency-Key it held was released: 503 {@code transaction_conflict} with
     * {@code Retry-After}, so the client retries the same request, instead of the 500 an unexpected failure gets.
     */
    @ExceptionHandler(ConcurrencyFailureException.class)
    ResponseEntity<Object> handleConcurrencyFailure(ConcurrencyFailureException ex) {
        log.warn("Transaction aborted by a concurrent one; the client may retry", ex);
        return retryLater(1, "transaction_conflict", "A concurrent request touched the same data; nothing was changed");
    }

    /**
     * The database could not be reached, or the connection broke during the transaction (its rollback then fails
     * too): 503 {@code database_unavailable} with {@code Retry-After}. Whether a commit that lost its connection
     * happened is unknown here, so the answer says to retry with the same Idempotency-Key, which replays the first
     * result if it did.
     */
    @ExceptionHandler({DataAccessResourceFailureException.class, TransactionSystemException.class,
            CannotCreateTransactionException.class})
    ResponseEntity<Object> handleDatabaseUnavailable(RuntimeException ex) {
        log.warn("Database unavailable during the request; the client may retry", ex);
        return retryLater(2, "database_unavailable", "The database could not complete the request");
    }

    /** 503 with {@code Retry-After}: a request that may be sent again as it was. */
    private static ResponseEntity<Object> retryLater(int seconds, String code, String what) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(seconds))
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, code,
                        what + "; retry the same request (with the same Idempotency-Key, if it had one)"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
        log.error("Unexpected failure on {}", request.getDescription(false), ex);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(Problems.of(
                HttpStatus.INTERNAL_SERVER_ERROR, "internal_error",
                "Something went wrong on our side. Quote the requestId when you contact support."));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return validationFailed(fieldErrors(ex));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new FieldError(
                                result.getMethodParameter().getParameterName(), error.getDefaultMessage())))
                .sorted()
                .toList();
        return validationFailed(errors);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        JsonProblem json = JsonProblem.of(ex);
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, json.code(), json.detail());
        if (json.field() != null) {
            problem.setProperty("errors", List.of(new FieldError(json.field(), json.detail())));
        }
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        ProblemDetail problem = Problems.of(statusCode, codeFor(ex, statusCode), detailFor(ex, body));
        return ResponseEntity.status(statusCode).headers(headers).body(problem);
    }

    private ResponseEntity<Object> validationFailed(List<FieldError> errors) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "validation_failed",
                "The request has invalid fields: " + String.join(", ",
                        errors.stream().map(FieldError::field).distinct().toList()));
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    private static List<FieldError> fieldErrors(BindException ex) {
        var fields = ex.getFieldErrors().stream()
                .map(error -> new FieldError(error.getField(), error.getDefaultMessage()));
        var globals = ex.getGlobalErrors().stream()
                .map(error -> new FieldError(error.getObjectName(), error.getDefaultMessage()));
        return java.util.stream.Stream.concat(fields, globals).sorted().toList();
    }

    private static String leaf(String path) {
        int dot = path.indexOf('.');
        return dot < 0 ? path : path.substring(dot + 1); // drop the method name of method-level constraints
    }

    private static final Map<Class<? extends Exception>, String> CODES = Map.of(
            HttpRequestMethodNotSupportedException.class, "method_not_allowed",
            HttpMediaTypeNotSupportedException.class, "unsupported_media_type",
            HttpMediaTypeNotAcceptableException.class, "not_acceptable",
            MissingServletRequestParameterException.class, "missing_parameter",
            MissingRequestHeaderException.class, "missing_header",
            MethodArgumentTypeMismatchException.class, "invalid_parameter",
            NoResourceFoundException.class, "not_found",
            MaxUploadSizeExceededException.class, "payload_too_large");

    private static String codeFor(Exception ex, HttpStatusCode status) {
        String code = CODES.get(ex.getClass());
        if (code != null) {
            return code;
        }
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "error" : known.name().toLowerCase();
    }

    private static String detailFor(Exception ex, Object body) {
        if (body instanceof ProblemDetail problem && problem.getDetail() != null) {
            return problem.getDetail();
        }
        if (ex instanceof MethodArgumentTypeMismatchException mismatch) {
            return "Parameter '" + mismatch.getName() + "' has an invalid value";
        }
        return ex.getMessage();
    }

    /** One invalid field: its JSON path (e.g. {@code items[2].quantity}) and what is wrong with it. */
    public record FieldError(String field, String message) implements Comparable<FieldError> {
        @Override
        public int compareTo(FieldError other) {
            return field.compareTo(other.field);
        }
    }
}
