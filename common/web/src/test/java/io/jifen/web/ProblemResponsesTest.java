package io.jifen.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@SpringBootTest(classes = ProblemResponsesTest.App.class)
@AutoConfigureMockMvc
class ProblemResponsesTest {

    @Autowired
    MockMvc mvc;

    @TestBean
    JwtDecoder jwtDecoder; // tokens come from the jwt() post-processor; no issuer is contacted

    static JwtDecoder jwtDecoder() {
        return token -> {
            throw new org.springframework.security.oauth2.jwt.BadJwtException("not used in this test");
        };
    }

    @Test
    void shouldListEveryInvalidFieldWithAStableCode() throws Exception {
        mvc.perform(post("/things").with(jwt()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"\",\"points\":-5}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("validation_failed"))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.errors", hasSize(2)))
                .andExpect(jsonPath("$.errors[0].field").value("name"))
                .andExpect(jsonPath("$.errors[1].field").value("points"));
    }

    @Test
    void shouldRejectUnknownFieldsSoNothingCanBeMassAssigned() throws Exception {
        mvc.perform(post("/things").with(jwt()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"a\",\"points\":5,\"tenantId\":\"x\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("unknown_field"))
                .andExpect(jsonPath("$.errors[0].field").value("tenantId"));
    }

    @Test
    void shouldNotTruncateFractionalPointsIntoIntegers() throws Exception {
        mvc.perform(post("/things").with(jwt()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"a\",\"points\":1.5}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("invalid_value"))
                .andExpect(jsonPath("$.errors[0].field").value("points"));
    }

    @Test
    void shouldAnswerMalformedAndWronglyTypedBodiesWith400() throws Exception {
        mvc.perform(post("/things").with(jwt()).contentType(MediaType.APPLICATION_JSON).content("{\"name\":"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("malformed_body"));
        mvc.perform(post("/things").with(jwt()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"a\",\"points\":\"many\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("invalid_value"));
        mvc.perform(post("/things").with(jwt()).contentType(MediaType.TEXT_PLAIN).content("hello"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(jsonPath("$.code").value("unsupported_media_type"));
    }

    @Test
    void shouldRejectDeeplyNestedJson() throws Exception {
        String deep = "{\"name\":\"a\",\"points\":1,\"x\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}";
        mvc.perform(post("/things").with(jwt()).contentType(MediaType.APPLICATION_JSON).content(deep))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value(org.hamcrest.Matchers.oneOf("body_too_complex", "unknown_field")));
    }

    @Test
    void shouldAnswerBadParametersAndUnknownPathsWithProblems() throws Exception {
        mvc.perform(get("/things/not-a-number").with(jwt()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("invalid_parameter"));
        mvc.perform(get("/nowhere").with(jwt()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("not_found"));
    }

    @Test
    void shouldHideInternalsOfUnexpectedFailures() throws Exception {
        mvc.perform(get("/boom").with(jwt()).header(RequestIdFilter.HEADER, "req-123"))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.code").value("internal_error"))
                .andExpect(jsonPath("$.requestId").value("req-123"))
                .andExpect(content().string(not(containsString("IllegalStateException"))))
                .andExpect(content().string(not(containsString("secret-internal-detail"))));
    }

    @Test
    void shouldAnswerALostDatabaseWith503AndRetryAfter() throws Exception {
        mvc.perform(get("/db-gone").with(jwt()))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "2"))
                .andExpect(jsonPath("$.code").value("database_unavailable"))
                .andExpect(content().string(not(containsString("connection-detail"))));
    }

    @Test
    void shouldMapApiExceptionsToTheirStatusAndCode() throws Exception {
        mvc.perform(get("/things/7").with(jwt()))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("thing_locked"))
                .andExpect(jsonPath("$.type").value("https://jifen.io/problems/thing-locked"))
                .andExpect(jsonPath("$.detail").value("Thing 7 is locked"));
    }

    @Test
    void shouldPropagateASaneRequestIdAndReplaceAnInsaneOne() throws Exception {
        mvc.perform(get("/things/1").with(jwt()).header(RequestIdFilter.HEADER, "abc-42"))
                .andExpect(header().string(RequestIdFilter.HEADER, "abc-42"));
        // Replaced by a fresh UUID (which may hold the letters "bad" by chance: 1ec84be5-…-7e2fa9bad6e2 did).
        mvc.perform(get("/things/1").with(jwt()).header(RequestIdFilter.HEADER, "bad id\r\nX-Injected: 1"))
                .andExpect(header().string(RequestIdFilter.HEADER,
                        matchesPattern("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")));
        mvc.perform(get("/things/1").with(jwt()))
                .andExpect(header().exists(RequestIdFilter.HEADER));
    }

    @Test
    void shouldRequireATokenButLeaveHealthOpen() throws Exception {
        mvc.perform(get("/things/1"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("unauthorized"));
        mvc.perform(get("/actuator/health")).andExpect(status().isNotFound()); // no actuator here, but not 401
    }

    @SpringBootApplication
    @org.springframework.context.annotation.Import(ThingController.class)
    static class App {
    }

    record CreateThingRequest(@NotBlank @Size(max = 50) String name, @Positive int points) {
    }

    @RestController
    static class ThingController {

        @PostMapping("/things")
        @org.springframework.web.bind.annotation.ResponseStatus(HttpStatus.CREATED)
        CreateThingRequest create(@Valid @RequestBody CreateThingRequest request) {
            return request;
        }

        @GetMapping("/things/{id}")
        String one(@PathVariable long id) {
            if (id == 7) {
                throw new ApiException(HttpStatus.CONFLICT, "thing_locked", "Thing 7 is locked");
            }
            return "thing " + id;
        }

        @GetMapping("/db-gone")
        String databaseGone() {
            // What a transaction whose connection broke throws when its rollback fails as well.
            throw new org.springframework.transaction.TransactionSystemException("connection-detail");
        }

        @GetMapping("/boom")
        String boom() {
            throw new IllegalStateException("secret-internal-detail");
        }
    }
}
