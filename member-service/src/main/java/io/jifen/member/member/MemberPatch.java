package io.jifen.member.member;

import io.jifen.web.ApiException;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A merge patch: which fields the body named (a record alone cannot tell "absent" from "null") and their values,
 * read with the service's strict mapper (unknown fields → 400) and validated like any request body.
 */
record MemberPatch(UpdateMemberRequest values, Set<String> present) {

    Profile applyTo(Profile p) {
        return new Profile(p.externalId(), pick("name", UpdateMemberRequest::name, p.name()),
                pick("phone", UpdateMemberRequest::phone, p.phone()),
                pick("email", UpdateMemberRequest::email, p.email()),
                pick("gender", UpdateMemberRequest::gender, p.gender()),
                pick("birthday", UpdateMemberRequest::birthday, p.birthday()),
                pick("address", UpdateMemberRequest::address, p.address()),
                pick("attributes", UpdateMemberRequest::attributes, p.attributes()),
                pick("tags", UpdateMemberRequest::tags, p.tags()));
    }

    private <T> T pick(String field, Function<UpdateMemberRequest, T> value, T current) {
        return present.contains(field) ? value.apply(values) : current;
    }

    @Component
    static class Reader {

        private final JsonMapper json;
        private final Validator validator;

        Reader(JsonMapper json, Validator validator) {
            this.json = json;
            this.validator = validator;
        }

        MemberPatch read(ObjectNode body) {
            UpdateMemberRequest values;
            try {
                values = json.treeToValue(body, UpdateMemberRequest.class);
            } catch (JacksonException e) {
                // The same 400 (unknown_field, invalid_value …) a @RequestBody record would give.
                throw new HttpMessageNotReadableException(e.getOriginalMessage(), e, null);
            }
            var violations = validator.validate(values);
            if (!violations.isEmpty()) {
                throw new ConstraintViolationException(violations);
            }
            Set<String> present = new HashSet<>(body.propertyNames());
            if (present.contains("name") && (values.name() == null || values.name().isBlank())) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed", "The request has invalid fields: name",
                        Map.of("errors", List.of(Map.of("field", "name", "message", "must not be blank"))));
            }
            return new MemberPatch(values, present);
        }
    }
}
