package io.jifen.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

class UsageIT extends TenantServiceTestBase {

    @Autowired
    StringRedisTemplate redis;

    @Test
    void shouldCountMembersAndPointsLiabilityFromOtherServicesEvents() {
        Signup tenant = signUp("usage");
        Signup other = signUp("usage");
        member(tenant, "member.registered");
        member(tenant, "member.registered");
        member(tenant, "member.registered");
        member(tenant, "member.erased");
        member(other, "member.registered");
        String duplicate = points(tenant, "points.earned", 500, UUID.randomUUID());
        points(tenant, "points.earned", 500, UUID.fromString(duplicate)); // delivered twice: counted once
        points(tenant, "points.redeemed", 120, UUID.randomUUID());
        points(tenant, "points.expired", 30, UUID.randomUUID());
        points(tenant, "points.reversed", 50, UUID.randomUUID());
        points(tenant, "points.restored", 20, UUID.randomUUID()); // a cancelled redemption gives points back
        String admin = platformAdminToken();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode view = api.get("/api/v1/admin/tenants/" + tenant.id(), admin).json();
            assertThat(view.get("memberCount").asLong()).isEqualTo(2);
            assertThat(view.get("pointsLiability").asLong()).isEqualTo(320);
        });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                api.get("/api/v1/admin/tenants/" + other.id(), admin).json().get("memberCount").asLong()).isEqualTo(1));
        assertThat(api.get("/api/v1/admin/tenants/" + other.id(), admin).json().get("pointsLiability").asLong())
                .isZero();
    }

    @Test
    void shouldCountTheOtherEventsOfARunThatHoldsAMalformedOne() {
        Signup tenant = signUp("usage-bad");
        points(tenant, "points.earned", 100, UUID.randomUUID());
        publish("points-service", "points.earned", tenant, UUID.randomUUID(),
                "{\"memberId\":\"" + UUID.randomUUID() + "\",\"points\":-5}");
        points(tenant, "points.earned", 7, UUID.randomUUID());
        member(tenant, "member.registered");
        String admin = platformAdminToken();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode view = api.get("/api/v1/admin/tenants/" + tenant.id(), admin).json();
            assertThat(view.get("memberCount").asLong()).isEqualTo(1);
            assertThat(view.get("pointsLiability").asLong()).isEqualTo(107);
        });
    }

    @Test
    void shouldReportTodaysApiCallsCountedByTheGateway() {
        Signup tenant = signUp("calls");
        String today = DateTimeFormatter.BASIC_ISO_DATE.format(LocalDate.now(ZoneOffset.UTC));
        redis.opsForValue().increment("t:{" + tenant.id() + "}:calls:" + today, 42);

        JsonNode view = api.get("/api/v1/admin/tenants/" + tenant.id(), platformAdminToken()).json();

        assertThat(view.get("apiCallsToday").asLong()).isEqualTo(42);
    }

    private void member(Signup tenant, String type) {
        publish("member-service", type, tenant, UUID.randomUUID(), "{\"memberId\":\"" + UUID.randomUUID() + "\"}");
    }

    private String points(Signup tenant, String type, long amount, UUID eventId) {
        publish("points-service", type, tenant, eventId,
                "{\"memberId\":\"" + UUID.randomUUID() + "\",\"points\":" + amount + "}");
        return eventId.toString();
    }

    private void publish(String service, String type, Signup tenant, UUID id, String payload) {
        redis.opsForStream().add(StreamRecords.string(Map.of("id", id.toString(), "type", type,
                "tenantId", tenant.id(), "occurredAt", Instant.now().toString(), "version", "1",
                "payload", payload)).withStreamKey("jifen:events:" + service));
    }
}
