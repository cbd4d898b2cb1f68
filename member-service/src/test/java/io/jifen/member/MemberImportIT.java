package io.jifen.member;

import static org.assertj.core.api.Assertions.assertThat;

import io.jifen.testsupport.TestHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class MemberImportIT extends MemberServiceTestBase {

    @Test
    void shouldImportGoodRowsReportBadOnesAndCreateNothingWhenRunAgain() {
        Tenant tenant = newTenant();
        String phone = uniquePhone();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            rows.add(Map.of("externalId", "legacy-" + i, "name", "Customer " + i, "openingBalance", i));
        }
        rows.add(Map.of("externalId", "with-phone", "name", "Phone owner", "phone", phone));
        rows.add(Map.of("externalId", "same-phone", "name", "Phone thief", "phone", phone));
        rows.add(Map.of("externalId", "bad-email", "name", "Bad", "email", "nope"));
        rows.add(Map.of("name", "No external id"));
        rows.add(Map.of("externalId", "ghost-tier", "name", "Ghost", "tierCode", "diamond"));
        rows.add(Map.of("externalId", "kept-tier", "name", "Kept", "tierCode", "member", "openingBalance", 500));
        Map<String, Object> file = Map.of("members", rows);

        TestHttp.Response first = api.post("/api/v1/members/imports", tenant.admin(), file);
        TestHttp.Response second = api.post("/api/v1/members/imports", tenant.admin(), file);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        JsonNode report = first.json();
        assertThat(report.get("accepted").asInt()).isEqualTo(202);
        assertThat(report.get("rejected").asInt()).isEqualTo(4);
        assertThat(codeOfRow(report, 201)).isEqualTo("phone_taken");
        assertThat(codeOfRow(report, 202)).isEqualTo("validation_failed");
        assertThat(report.get("rows").get(202).get("errors").get(0).asString()).startsWith("email");
        assertThat(codeOfRow(report, 203)).isEqualTo("validation_failed");
        assertThat(codeOfRow(report, 204)).isEqualTo("unknown_tier");
        JsonNode again = second.json();
        assertThat(again.get("accepted").asInt()).isZero();
        assertThat(again.get("skipped").asInt()).isEqualTo(202);
        assertThat(again.get("rows").get(0).get("memberId").asString())
                .isEqualTo(report.get("rows").get(0).get("memberId").asString());
        assertThat(api.get("/api/v1/members?size=1", tenant.staff()).json().get("totalElements").asLong())
                .isEqualTo(202);
        String kept = report.get("rows").get(205).get("memberId").asString();
        assertThat(outboxPayloads("member.imported", kept)).singleElement()
                .satisfies(p -> assertThat(p).contains("\"openingBalance\": 500"));
        assertThat(outboxPayloads("member.registered", kept)).hasSize(1);
    }

    @Test
    void shouldLeaveImportsToAdminsAndRefuseAnEmptyOrMalformedFile() {
        Tenant tenant = newTenant();

        assertThat(api.post("/api/v1/members/imports", tenant.staff(),
                Map.of("members", List.of(Map.of("externalId", "x", "name", "x")))).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/members/imports", tenant.admin(), Map.of("members", List.of())).status())
                .isEqualTo(400);
        assertThat(api.post("/api/v1/members/imports", tenant.admin(),
                Map.of("members", List.of(Map.of("externalId", "x", "name", "x", "balance", 5)))).status())
                .isEqualTo(400);
    }

    private static String codeOfRow(JsonNode report, int index) {
        return report.get("rows").get(index).get("code").asString();
    }
}
