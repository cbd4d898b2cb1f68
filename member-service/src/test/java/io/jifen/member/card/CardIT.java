package io.jifen.member.card;

import static org.assertj.core.api.Assertions.assertThat;

import io.jifen.member.MemberServiceTestBase;
import io.jifen.testsupport.TestHttp;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CardIT extends MemberServiceTestBase {

    @Test
    void shouldGenerateSequentialCardNumbersWithAValidLuhnCheckDigit() {
        Tenant tenant = newTenant();

        String first = register(tenant).get("cardNumber").asString();
        String second = register(tenant).get("cardNumber").asString();

        assertThat(first).isEqualTo("80000000001" + Luhn.checkDigit("80000000001"));
        assertThat(Luhn.isValid(first)).isTrue();
        assertThat(Luhn.isValid(second)).isTrue();
        assertThat(second.substring(0, 11)).isEqualTo("80000000002");
    }

    @Test
    void shouldAcceptASuppliedCardNumberOnceInATenant() {
        Tenant tenant = newTenant();
        Map<String, Object> body = memberBody("Own card");
        body.put("cardNumber", "POS12345");

        assertThat(register(tenant, body).get("cardNumber").asString()).isEqualTo("POS12345");
        TestHttp.Response again = api.post("/api/v1/members", tenant.staff(), body);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asString()).isEqualTo("card_number_taken");
    }

    @Test
    void shouldFreezeALostCardAndReplaceItOnReissueKeepingTheTier() {
        Tenant tenant = newTenant();
        JsonNode member = register(tenant);
        String id = member.get("id").asString();
        String old = member.get("cardNumber").asString();

        TestHttp.Response lost = api.post("/api/v1/members/" + id + "/cards/" + old + "/report-loss", tenant.staff(),
                Map.of());
        assertThat(lost.status()).as(lost.toString()).isEqualTo(200);
        assertThat(lost.json().get("status").asString()).isEqualTo("lost");
        TestHttp.Response lostLookup = api.get("/api/v1/members/by-card/" + old, tenant.staff());
        assertThat(lostLookup.status()).isEqualTo(410);
        assertThat(lostLookup.json().get("code").asString()).isEqualTo("card_inactive");
        assertThat(lostLookup.json().get("cardStatus").asString()).isEqualTo("lost");

        TestHttp.Response reissued = api.post("/api/v1/members/" + id + "/cards/" + old + "/reissue", tenant.staff(),
                Map.of());

        assertThat(reissued.status()).as(reissued.toString()).isEqualTo(200);
        String fresh = reissued.json().get("number").asString();
        assertThat(fresh).isNotEqualTo(old);
        assertThat(Luhn.isValid(fresh)).isTrue();
        assertThat(api.get("/api/v1/members/by-card/" + fresh, tenant.staff()).json().get("id").asString())
                .isEqualTo(id);
        assertThat(api.get("/api/v1/members/by-card/" + old, tenant.staff()).json().get("cardStatus").asString())
                .isEqualTo("dead");
        JsonNode after = api.get("/api/v1/members/" + id, tenant.staff()).json();
        assertThat(after.get("cardNumber").asString()).isEqualTo(fresh);
        assertThat(after.get("tier").get("code").asString()).isEqualTo("member");
        JsonNode history = api.get("/api/v1/members/" + id + "/cards", tenant.staff()).json();
        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("status").asString()).isEqualTo("dead");
        assertThat(history.get(1).get("status").asString()).isEqualTo("active");
        assertThat(outboxPayloads("card.reissued", id)).singleElement()
                .satisfies(payload -> assertThat(payload).contains(old, fresh));
        assertThat(api.post("/api/v1/members/" + id + "/cards/" + old + "/reissue", tenant.staff(), Map.of())
                .json().get("code").asString()).isEqualTo("card_not_active");
    }
}
