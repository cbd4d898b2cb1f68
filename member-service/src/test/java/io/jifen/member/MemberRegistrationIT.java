package io.jifen.member;

import static org.assertj.core.api.Assertions.assertThat;

import io.jifen.testsupport.TestHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class MemberRegistrationIT extends MemberServiceTestBase {

    @Test
    void shouldLetExactlyOneOfTwentyConcurrentRegistrationsOfTheSameExternalIdWin() throws Exception {
        Tenant tenant = newTenant();
        String externalId = unique("shop-");
        List<Callable<TestHttp.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Map<String, Object> body = memberBody("Racer " + i);
            body.put("externalId", externalId);
            calls.add(() -> api.post("/api/v1/members", tenant.staff(), body));
        }

        List<TestHttp.Response> responses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
            for (Future<TestHttp.Response> future : pool.invokeAll(calls)) {
                responses.add(future.get());
            }
        }

        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(responses).filteredOn(r -> r.status() == 409).hasSize(19)
                .allSatisfy(r -> assertThat(r.json().get("code").asString()).isEqualTo("external_id_taken"));
        JsonNode list = api.get("/api/v1/members?q=Racer", tenant.staff()).json();
        assertThat(list.get("totalElements").asLong()).isEqualTo(1);
    }

    @Test
    void shouldRegisterWithACardTheDefaultTierAndAReferralCodeOfItsOwn() {
        Tenant tenant = newTenant();
        Map<String, Object> body = memberBody("Han Meimei");
        body.put("externalId", unique("ext-"));
        body.put("phone", uniquePhone());
        body.put("email", unique("hm") + "@example.com");
        body.put("gender", "female");
        body.put("birthday", "1990-05-17");
        body.put("attributes", Map.of("store", "Shanghai-01"));
        body.put("tags", List.of("vip", "coffee"));

        JsonNode member = register(tenant, body);

        assertThat(member.get("id").asString()).isNotBlank();
        assertThat(member.get("cardNumber").asString()).startsWith("8").hasSize(12);
        assertThat(member.get("tier").get("code").asString()).isEqualTo("member");
        assertThat(member.get("tier").get("name").asString()).isEqualTo("Member");
        assertThat(member.get("referralCode").asString()).matches("[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}");
        assertThat(member.get("status").asString()).isEqualTo("active");
        assertThat(member.get("attributes").get("store").asString()).isEqualTo("Shanghai-01");
        assertThat(member.get("stats").get("purchaseCount").asLong()).isZero();
        assertThat(outboxPayloads("member.registered", member.get("id").asString())).singleElement()
                .satisfies(payload -> assertThat(payload).contains(member.get("cardNumber").asString(),
                        "\"tierCode\": \"member\"", "\"status\": \"active\""));
    }

    @Test
    void shouldRefuseATakenPhoneOrEmailWithItsOwnCode() {
        Tenant tenant = newTenant();
        Map<String, Object> first = memberBody("First");
        first.put("phone", uniquePhone());
        first.put("email", unique("taken") + "@example.com");
        register(tenant, first);

        Map<String, Object> samePhone = memberBody("Second");
        samePhone.put("phone", first.get("phone"));
        Map<String, Object> sameEmail = memberBody("Third");
        sameEmail.put("email", first.get("email").toString().toUpperCase());

        assertThat(api.post("/api/v1/members", tenant.staff(), samePhone).json().get("code").asString())
                .isEqualTo("phone_taken");
        assertThat(api.post("/api/v1/members", tenant.staff(), sameEmail).json().get("code").asString())
                .isEqualTo("email_taken");
        // Another tenant may have a customer with the same phone.
        assertThat(api.post("/api/v1/members", newTenant().staff(), samePhone).status()).isEqualTo(201);
    }

    @Test
    void shouldFindAMemberByExternalIdPhoneAndCard() {
        Tenant tenant = newTenant();
        Map<String, Object> body = memberBody("Lookup");
        body.put("externalId", unique("ext-"));
        body.put("phone", uniquePhone());
        JsonNode member = register(tenant, body);
        String id = member.get("id").asString();

        assertThat(api.get("/api/v1/members/" + id, tenant.staff()).json().get("name").asString()).isEqualTo("Lookup");
        assertThat(api.get("/api/v1/members/by-external-id/" + body.get("externalId"), tenant.staff()).json()
                .get("id").asString()).isEqualTo(id);
        assertThat(api.get("/api/v1/members/by-phone/" + body.get("phone").toString().replace("+", "%2B"),
                tenant.staff()).json().get("id").asString()).isEqualTo(id);
        assertThat(api.get("/api/v1/members/by-card/" + member.get("cardNumber").asString(), tenant.staff()).json()
                .get("id").asString()).isEqualTo(id);
        assertThat(api.get("/api/v1/members/by-external-id/nobody", tenant.staff()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/members/by-card/800000000000", tenant.staff()).status()).isEqualTo(404);
    }

    @Test
    void shouldRecordTheReferrerOfAValidCodeAndRefuseUnknownOrSelfReferral() {
        Tenant tenant = newTenant();
        Map<String, Object> referrerBody = memberBody("Referrer");
        referrerBody.put("phone", uniquePhone());
        JsonNode referrer = register(tenant, referrerBody);
        String code = referrer.get("referralCode").asString();

        Map<String, Object> friend = memberBody("Friend");
        friend.put("referralCode", code.toLowerCase());
        JsonNode referred = register(tenant, friend);

        assertThat(referred.get("referrerId").asString()).isEqualTo(referrer.get("id").asString());
        Map<String, Object> unknown = memberBody("Stranger");
        unknown.put("referralCode", "ZZZZZZZZ");
        TestHttp.Response unknownCode = api.post("/api/v1/members", tenant.staff(), unknown);
        assertThat(unknownCode.status()).isEqualTo(400);
        assertThat(unknownCode.json().get("code").asString()).isEqualTo("invalid_referral_code");
        Map<String, Object> self = memberBody("Referrer again");
        self.put("phone", referrerBody.get("phone"));
        self.put("referralCode", code);
        TestHttp.Response selfReferral = api.post("/api/v1/members", tenant.staff(), self);
        assertThat(selfReferral.status()).isEqualTo(400);
        assertThat(selfReferral.json().get("code").asString()).isEqualTo("invalid_referral_code");
        // Codes are per tenant.
        assertThat(api.post("/api/v1/members", newTenant().staff(), friend).status()).isEqualTo(400);
    }
}
