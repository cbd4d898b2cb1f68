package io.jifen.web;

import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** What was wrong with an unreadable JSON body, in terms a client can fix (never the parser's internals). */
record JsonProblem(String code, String field, String detail) {

    static JsonProblem of(HttpMessageNotReadableException ex) {
        Throwable cause = ex.getMostSpecificCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            String field = path(unknown);
            return new JsonProblem("unknown_field", field, "Unknown field '" + field + "': it cannot be set here");
        }
        if (cause instanceof StreamConstraintsException) {
            return new JsonProblem("body_too_complex", null, "The JSON body is too deep or too large");
        }
        if (cause instanceof InvalidFormatException invalid) {
            String field = path(invalid);
            return new JsonProblem("invalid_value", field, "Field '" + field + "' has an invalid value");
        }
        if (cause instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
            String field = path(mismatched);
            return new JsonProblem("invalid_value", field, "Field '" + field + "' has the wrong type or shape");
        }
        if (cause instanceof StreamReadException || cause instanceof JacksonException) {
            return new JsonProblem("malformed_body", null, "The request body is not valid JSON");
        }
        return new JsonProblem("malformed_body", null, "The request body is missing or unreadable");
    }

    private static String path(JacksonException ex) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : ex.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "(body)" : path.toString();
    }
}
