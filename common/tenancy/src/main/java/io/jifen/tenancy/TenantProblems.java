package io.jifen.tenancy;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 9457 problems for tenancy failures, shaped like every other Jifen problem (type derived from a stable
 * {@code code}, the request id when there is one) without making this library depend on the web library.
 */
final class TenantProblems {

    static final String INVALID_TENANT_CLAIM = "invalid_tenant_claim";
    static final String TENANT_REQUIRED = "tenant_required";

    private static final String TYPE_BASE = "https://jifen.io/problems/";
    private static final String REQUEST_ID_MDC_KEY = "requestId";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TenantProblems() {
    }

    static ProblemDetail of(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + code.replace('_', '-')));
        problem.setProperty("code", code);
        String requestId = MDC.get(REQUEST_ID_MDC_KEY);
        if (requestId != null) {
            problem.setProperty("requestId", requestId);
        }
        return problem;
    }

    /** Writes a problem from a filter, where no message converter runs: flat JSON, like the converters write it. */
    static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JSON.writeValue(response.getOutputStream(), body);
    }
}
