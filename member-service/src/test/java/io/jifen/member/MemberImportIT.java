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

    @Test
    void shouldImportACsvFileWithQuotedFieldsTagsAndAttributesAndReportLinesItCannotRead() {
        Tenant tenant = newTenant();
        String csv = "\uFEFFexternalId,name,phone,birthday,tags,openingBalance,attributes.city,tierCode\r\n"
                + "csv-1,\"Wang, Fang\",+8613800000001,1990-04-01,vip|coffee,120,上海,member\r\n"
                + "csv-2,李雷,,,,,,\r\n"
                + "\r\n"
                + "csv-3,\"Quote \"\"Q\"\" Lee\",,1st of May,,12.5,,\r\n"
                + "csv-4,Short line\r\n";

        TestHttp.Response first = postCsv(tenant.admin(), csv);
        TestHttp.Response second = postCsv(tenant.admin(), csv);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        JsonNode report = first.json();
        assertThat(report.get("accepted").asInt()).isEqualTo(2);
        assertThat(report.get("rejected").asInt()).isEqualTo(2);
        assertThat(codeOfRow(report, 2)).isEqualTo("validation_failed");
        assertThat(report.get("rows").get(2).get("errors").toString()).contains("birthday").contains("openingBalance");
        assertThat(report.get("rows").get(3).get("errors").toString()).contains("fields");
        JsonNode wang = api.get("/api/v1/members/" + report.get("rows").get(0).get("memberId").asString(),
                tenant.staff()).json();
        assertThat(wang.get("name").asString()).isEqualTo("Wang, Fang");
        assertThat(wang.get("birthday").asString()).isEqualTo("1990-04-01");
        assertThat(wang.get("tags").toString()).contains("vip").contains("coffee");
        assertThat(wang.get("attributes").get("city").asString()).isEqualTo("上海");
        assertThat(outboxPayloads("member.imported", wang.get("id").asString())).singleElement()
                .satisfies(p -> assertThat(p).contains("\"openingBalance\": 120"));
        assertThat(api.get("/api/v1/members/by-external-id/csv-2", tenant.staff()).json().get("name").asString())
                .isEqualTo("李雷");
        assertThat(second.json().get("accepted").asInt()).isZero();
        assertThat(second.json().get("skipped").asInt()).isEqualTo(2);
    }

    @Test
    void shouldRefuseACsvFileWithABadHeaderOrBrokenQuotingWholeAndStoreNothing() {
        Tenant tenant = newTenant();

        TestHttp.Response unknown = postCsv(tenant.admin(), "externalId,name,balance\nx-1,X,5\n");
        TestHttp.Response missing = postCsv(tenant.admin(), "name\nX\n");
        TestHttp.Response broken = postCsv(tenant.admin(), "externalId,name\nx-2,\"never closed\n");
        TestHttp.Response empty = postCsv(tenant.admin(), "externalId,name\n");
        TestHttp.Response staff = postCsv(tenant.staff(), "externalId,name\nx-3,X\n");

        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("code").asString()).isEqualTo("unknown_column");
        assertThat(unknown.json().get("detail").asString()).contains("balance");
        assertThat(missing.json().get("code").asString()).isEqualTo("missing_column");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().get("code").asString()).isEqualTo("malformed_csv");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(staff.status()).isEqualTo(403);
        assertThat(api.get("/api/v1/members?size=1", tenant.staff()).json().get("totalElements").asLong()).isZero();
    }

    private TestHttp.Response postCsv(String token, String csv) {
        return TestHttp.send(TestHttp.request("http://127.0.0.1:" + port + "/api/v1/members/imports", token)
                .setHeader("Content-Type", "text/csv; charset=utf-8")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(csv)));
    }

    private static String codeOfRow(JsonNode report, int index) {
        return report.get("rows").get(index).get("code").asString();
    }
}
