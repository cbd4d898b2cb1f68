package io.jifen.member.care;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jifen.member.MemberServiceTestBase;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class MemberGreetingIT extends MemberServiceTestBase {

    // 20:00 UTC on 10 March is already 11 March in Shanghai (the default zone) but still 10 March in Los Angeles.
    private static final Instant EVENING_OF_MARCH_10_UTC = Instant.parse("2026-03-10T20:00:00Z");

    @Autowired
    MemberGreetingJob job;

    @Test
    void shouldGreetOnTheTenantsLocalBirthdayAndAnniversaryExactlyOnce() {
        Tenant shanghai = newTenant();
        String birthday = registerBornOn(shanghai, "1990-03-11");
        String otherDay = registerBornOn(shanghai, "1990-03-12");
        String joined = register(shanghai).get("id").asString();
        // Joined two years ago, at 01:00 Shanghai time on 11 March.
        jdbc.update("update member set joined_at = '2024-03-10T17:00:00Z' where tenant_id = ? and id = ?",
                UUID.fromString(shanghai.id()), UUID.fromString(joined));

        job.runOnce(EVENING_OF_MARCH_10_UTC);
        job.runOnce(EVENING_OF_MARCH_10_UTC.plusSeconds(3600)); // a later run (or another instance) the same day

        assertThat(outboxPayloads("member.birthday", birthday)).singleElement()
                .satisfies(p -> assertThat(p).contains("2026-03-11"));
        assertThat(outboxPayloads("member.birthday", otherDay)).isEmpty();
        assertThat(outboxPayloads("member.anniversary", joined)).singleElement()
                .satisfies(p -> assertThat(p).contains("\"years\": 2"));
    }

    @Test
    void shouldWaitForTheLocalDayOfATenantInAnotherTimeZone() {
        Tenant losAngeles = newTenant();
        publish(TENANT_STREAM, UUID.randomUUID().toString(), losAngeles, "tenant.registered", Map.of(
                "tenantId", losAngeles.id(), "slug", "la", "name", "LA", "plan", "free", "currency", "USD",
                "timezone", "America/Los_Angeles", "locale", "en-US"));
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForList(
                "select timezone from tenant_timezone where tenant_id = ?", String.class,
                UUID.fromString(losAngeles.id())).contains("America/Los_Angeles"));
        String member = registerBornOn(losAngeles, "1985-03-11");

        job.runOnce(EVENING_OF_MARCH_10_UTC);
        assertThat(outboxPayloads("member.birthday", member)).isEmpty();

        job.runOnce(EVENING_OF_MARCH_10_UTC.plus(Duration.ofDays(1)));
        assertThat(outboxPayloads("member.birthday", member)).hasSize(1);
    }

    @Test
    void shouldGreetMembersOfATenantThatOnlyEverSuppliedItsOwnCardNumbers() {
        Tenant tenant = newTenant();
        Map<String, Object> body = memberBody("Own card");
        body.put("birthday", "2000-03-11");
        body.put("cardNumber", "OWN" + UUID.randomUUID().toString().substring(0, 8));
        String member = register(tenant, body).get("id").asString();

        job.runOnce(EVENING_OF_MARCH_10_UTC);

        assertThat(outboxPayloads("member.birthday", member)).hasSize(1);
    }

    @Test
    void shouldGreetMembersBornOnTheLeapDayOnTheTwentyEighthOfACommonYear() {
        Tenant tenant = newTenant();
        String leapDay = registerBornOn(tenant, "2000-02-29");
        String twentyEighth = registerBornOn(tenant, "2001-02-28");
        String first = registerBornOn(tenant, "2001-03-01");

        // Noon in Shanghai on 28 February 2027, a common year; then 1 March.
        job.runOnce(Instant.parse("2027-02-28T04:00:00Z"));

        assertThat(outboxPayloads("member.birthday", leapDay)).singleElement()
                .satisfies(p -> assertThat(p).contains("2027-02-28"));
        assertThat(outboxPayloads("member.birthday", twentyEighth)).hasSize(1);
        assertThat(outboxPayloads("member.birthday", first)).isEmpty();

        job.runOnce(Instant.parse("2027-03-01T04:00:00Z"));
        assertThat(outboxPayloads("member.birthday", leapDay)).hasSize(1);
        assertThat(outboxPayloads("member.birthday", first)).hasSize(1);
    }

    private String registerBornOn(Tenant tenant, String birthday) {
        Map<String, Object> body = memberBody("Born " + birthday);
        body.put("birthday", birthday);
        return register(tenant, body).get("id").asString();
    }
}
