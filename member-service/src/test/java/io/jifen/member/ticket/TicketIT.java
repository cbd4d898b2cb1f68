package io.jifen.member.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import io.jifen.infra.Keycloak;
import io.jifen.member.MemberServiceTestBase;
import io.jifen.testsupport.TestHttp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TicketIT extends MemberServiceTestBase {

    @Test
    void shouldWorkAComplaintThroughTheWorkflowWithAnAssigneeAndNotes() {
        Tenant tenant = newTenant();
        String memberId = register(tenant).get("id").asString();
        TestHttp.Response opened = api.post("/api/v1/members/" + memberId + "/tickets", tenant.staff(),
                Map.of("type", "complaint", "subject", "Points missing", "description", "Order o-9 earned nothing"));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        String t = "/api/v1/tickets/" + opened.json().get("id").asString();
        assertThat(opened.json().get("status").asString()).isEqualTo("open");

        api.put(t + "/assignee", tenant.admin(), Map.of("assignee", "wang.staff"));
        api.post(t + "/status", tenant.staff(), Map.of("status", "in_progress"));
        JsonNode noted = api.post(t + "/notes", tenant.staff(), Map.of("text", "Called the customer")).json();
        TestHttp.Response skip = api.post(t + "/status", tenant.staff(), Map.of("status", "open"));
        api.post(t + "/status", tenant.staff(), Map.of("status", "resolved"));
        JsonNode closed = api.post(t + "/status", tenant.staff(), Map.of("status", "closed")).json();

        assertThat(noted.get("notes")).hasSize(1);
        String staff = TestHttp.JSON.readTree(Keycloak.claims(tenant.staff())).path("preferred_username").asString();
        assertThat(noted.get("notes").get(0).get("author").asString()).isEqualTo(staff);
        assertThat(skip.status()).isEqualTo(409);
        assertThat(skip.json().get("code").asString()).isEqualTo("invalid_ticket_transition");
        assertThat(closed.get("status").asString()).isEqualTo("closed");
        assertThat(closed.get("assignee").asString()).isEqualTo("wang.staff");
        assertThat(api.post(t + "/notes", tenant.staff(), Map.of("text", "late")).json().get("code").asString())
                .isEqualTo("ticket_closed");
        assertThat(outboxPayloads("ticket.opened", memberId)).singleElement()
                .satisfies(p -> assertThat(p).contains("\"type\": \"complaint\""));
        assertThat(outboxPayloads("ticket.status-changed", memberId)).hasSize(3)
                .anySatisfy(p -> assertThat(p).contains("\"from\": \"resolved\"").contains("\"to\": \"closed\""));
    }

    @Test
    void shouldListTicketsForStaffByStatusTypeAndAssigneeAndPerMember() {
        Tenant tenant = newTenant();
        String first = register(tenant).get("id").asString();
        String second = register(tenant).get("id").asString();
        String complaint = open(tenant, first, "complaint");
        open(tenant, first, "feedback");
        open(tenant, second, "enquiry");
        api.post("/api/v1/tickets/" + complaint + "/status", tenant.staff(), Map.of("status", "in_progress"));
        api.put("/api/v1/tickets/" + complaint + "/assignee", tenant.staff(), Map.of("assignee", "li"));

        assertThat(total("/api/v1/tickets", tenant)).isEqualTo(3);
        assertThat(total("/api/v1/tickets?status=open", tenant)).isEqualTo(2);
        assertThat(total("/api/v1/tickets?type=complaint&status=in_progress&assignee=li", tenant)).isEqualTo(1);
        assertThat(total("/api/v1/members/" + first + "/tickets", tenant)).isEqualTo(2);
        assertThat(api.get("/api/v1/tickets?status=lost", tenant.staff()).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/members/" + first + "/tickets", tenant.staff(),
                Map.of("type", "rant", "subject", "")).json().get("errors")).hasSize(2);
    }

    @Test
    void shouldHideATenantsTicketsFromAnotherTenant() {
        Tenant a = newTenant();
        Tenant b = newTenant();
        String memberId = register(a).get("id").asString();
        String t = "/api/v1/tickets/" + open(a, memberId, "feedback");

        List<TestHttp.Response> responses = List.of(api.get(t, b.staff()),
                api.post(t + "/status", b.staff(), Map.of("status", "in_progress")),
                api.put(t + "/assignee", b.staff(), Map.of("assignee", "x")),
                api.post(t + "/notes", b.staff(), Map.of("text", "x")),
                api.get("/api/v1/members/" + memberId + "/tickets", b.staff()),
                api.post("/api/v1/members/" + memberId + "/tickets", b.staff(),
                        Map.of("type", "feedback", "subject", "x")));

        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(404));
        assertThat(total("/api/v1/tickets", b)).isZero();
        assertThat(api.get(t, a.staff()).json().get("status").asString()).isEqualTo("open");
    }

    private String open(Tenant tenant, String memberId, String type) {
        TestHttp.Response response = api.post("/api/v1/members/" + memberId + "/tickets", tenant.staff(),
                Map.of("type", type, "subject", "About my " + type));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().get("id").asString();
    }

    private long total(String path, Tenant tenant) {
        TestHttp.Response response = api.get(path, tenant.staff());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("totalElements").asLong();
    }
}
