package io.jifen.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.jifen.tenancy.testapp.TestTokens;
import io.jifen.tenancy.testapp.ThreadState;
import io.jifen.tenancy.testapp.ThreadStateRecorder;
import io.jifen.tenancy.testapp.Widget;
import io.jifen.tenancy.testapp.WidgetRepository;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real HTTP against the test service: one Tomcat thread and one task thread, so every request and every async
 * task reuses a thread the previous one ran on, and a leaked tenant would show.
 */
class TenantRequestIT extends TenancyIntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final TenantId a = newTenant();
    private final TenantId b = newTenant();

    @LocalServerPort
    int port;

    @Autowired
    ThreadStateRecorder recorder;

    @Autowired
    WidgetRepository widgets;

    @BeforeEach
    void forgetEarlierObservations() {
        recorder.reset();
    }

    @Test
    void shouldRunARequestAsTheTenantOfItsToken() throws Exception {
        ThreadState seen = state(get("/api/probe", TestTokens.withTenant(a.toString())));

        assertThat(seen.tenant()).isEqualTo(a.toString());
        assertThat(seen.mdcTenant()).isEqualTo(a.toString());
    }

    @Test
    void shouldAcceptATenantClaimThatIsAOneElementArray() throws Exception {
        ThreadState seen = state(get("/api/probe", TestTokens.withTenant(List.of(a.toString()))));

        assertThat(seen.tenant()).isEqualTo(a.toString());
    }

    @Test
    void shouldNeverLeakATenantIntoTheNextRequestOnTheSameThread() throws Exception {
        ThreadState first = state(get("/api/probe", TestTokens.withTenant(a.toString())));
        assertThat(get("/api/failing-probe", TestTokens.withTenant(a.toString())).statusCode()).isEqualTo(500);
        ThreadState anonymous = state(get("/public/probe", null));
        ThreadState tenantless = state(get("/api/probe", TestTokens.withoutTenant()));
        ThreadState asB = state(get("/api/probe", TestTokens.withTenant(b.toString())));

        assertThat(first.tenant()).isEqualTo(a.toString());
        assertThat(anonymous.isClean()).as("anonymous request after a's: %s", anonymous).isTrue();
        assertThat(tenantless.isClean()).as("tenantless token after a's: %s", tenantless).isTrue();
        assertThat(asB.tenant()).isEqualTo(b.toString());
        assertThat(asB.mdcTenant()).isEqualTo(b.toString());
        assertThat(List.of(anonymous.thread(), tenantless.thread(), asB.thread())).containsOnly(first.thread());
        // Seen before security and the tenant filter run: each request found the thread as clean as it was left.
        assertThat(recorder.requestEntries()).isNotEmpty().allSatisfy(entry -> {
            assertThat(entry.isClean()).as("thread state when a request arrived: %s", entry).isTrue();
            assertThat(entry.thread()).isEqualTo(first.thread());
        });
    }

    @Test
    void shouldRunAnAsyncTaskAsTheSubmittingRequestsTenantAndLeaveTheWorkerClean() throws Exception {
        ThreadState taskOfA = state(get("/api/async-probe", TestTokens.withTenant(a.toString())));
        ThreadState taskOfB = state(get("/api/async-probe", TestTokens.withTenant(b.toString())));
        ThreadState taskOfNobody = state(get("/public/async-probe", null));

        assertThat(taskOfA.tenant()).isEqualTo(a.toString());
        assertThat(taskOfA.mdcTenant()).isEqualTo(a.toString());
        assertThat(taskOfB.tenant()).isEqualTo(b.toString());
        assertThat(taskOfNobody.isClean()).as("task submitted without a tenant: %s", taskOfNobody).isTrue();
        assertThat(List.of(taskOfB.thread(), taskOfNobody.thread())).containsOnly(taskOfA.thread());
        // Seen before the tenant decorator runs: each task found the worker as clean as the previous one left it.
        assertThat(recorder.taskEntries()).hasSize(3).allSatisfy(entry -> {
            assertThat(entry.isClean()).as("worker state when a task started: %s", entry).isTrue();
            assertThat(entry.thread()).isEqualTo(taskOfA.thread());
        });
    }

    @Test
    void shouldServeEachTenantOnlyItsOwnRows() throws Exception {
        TenantContext.runAs(a, () -> widgets.save(new Widget("W-1", "alpha")));
        TenantContext.runAs(b, () -> widgets.save(new Widget("W-1", "beta")));

        assertThat(body(get("/api/widgets", TestTokens.withTenant(a.toString())))).isEqualTo("[\"alpha\"]");
        assertThat(body(get("/api/widgets", TestTokens.withTenant(b.toString())))).isEqualTo("[\"beta\"]");
    }

    @Test
    void shouldAnswerForbiddenWhenATokenWithoutTenantReachesTenantData() throws Exception {
        HttpResponse<String> response = get("/api/widgets", TestTokens.withoutTenant());

        assertProblem(response, 403, "tenant_required");
    }

    @Test
    void shouldRefuseATokenNamingSeveralTenants() throws Exception {
        HttpResponse<String> response = get("/api/probe", TestTokens.withTenant(List.of(a.toString(), b.toString())));

        assertProblem(response, 401, "invalid_tenant_claim");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).startsWith("Bearer error=\"invalid_token\""));
    }

    @Test
    void shouldRefuseATokenWhoseTenantIsNotAUuid() throws Exception {
        assertProblem(get("/api/probe", TestTokens.withTenant("acme")), 401, "invalid_tenant_claim");
        assertProblem(get("/api/probe", TestTokens.withTenant(List.of())), 401, "invalid_tenant_claim");
        assertProblem(get("/public/probe", TestTokens.withTenant(UUID.randomUUID() + "x")), 401,
                "invalid_tenant_claim");
    }

    private void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("code").asString()).isEqualTo(code);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("type").asString()).isEqualTo("https://jifen.io/problems/" + code.replace('_', '-'));
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("detail").asString()).isNotBlank();
    }

    private ThreadState state(HttpResponse<String> response) {
        return json.readValue(body(response), ThreadState.class);
    }

    private static String body(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
