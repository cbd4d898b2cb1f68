package io.jifen.points;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class EarningEventsIT extends EarningRulesTestBase {

    private static final String GROUP = "points.earning-events";

    @Test
    void shouldPayRegistrationAndBothSidesOfAReferralExactlyOnceWhenPublishedTwice() {
        Tenant tenant = newTenant();
        createRule(tenant, eventRule("welcome", "registration", 100));
        createRule(tenant, eventRule("referee", "referral-referee", 50));
        createRule(tenant, eventRule("referrer", "referral-referrer", 200));
        UUID referrer = UUID.randomUUID();
        UUID referee = UUID.randomUUID();
        Map<String, Object> referrerRegistered = Map.of("memberId", referrer.toString(), "status", "active");
        Map<String, Object> refereeRegistered = Map.of("memberId", referee.toString(), "status", "active",
                "referrerId", referrer.toString());

        List<UUID> events = List.of(publish(tenant, "member.registered", referrerRegistered),
                publish(tenant, "member.registered", refereeRegistered),
                publish(tenant, "member.registered", refereeRegistered),
                publish(tenant, "member.registered", referrerRegistered));
        awaitProcessed(events);
        // balance() needs the members in the projection, which its own consumer group fills.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> events.stream().allMatch(event -> processed("points.member-events", event)));

        assertThat(balance(tenant, referrer)).isEqualTo(300);
        assertThat(balance(tenant, referee)).isEqualTo(150);
        assertThat(entries(tenant)).isEqualTo(4); // the referee's registration and referral are two events
        assertThat(jdbc.queryForList("select reason from ledger_entry where tenant_id = ?", String.class,
                tenant.id())).containsOnly("rule");
    }

    @Test
    void shouldPayABirthdayOncePerYearAndACompletedProfileOnce() {
        Tenant tenant = newTenant();
        createRule(tenant, eventRule("bday", "birthday", 30));
        createRule(tenant, eventRule("profile", "profile-completed", 20));
        UUID member = newMember(tenant);
        Map<String, Object> birthday2026 = Map.of("memberId", member.toString(), "date", "2026-11-25");

        List<UUID> events = List.of(publish(tenant, "member.birthday", birthday2026),
                publish(tenant, "member.birthday", birthday2026),
                publish(tenant, "member.birthday", Map.of("memberId", member.toString(), "date", "2027-11-25")),
                publish(tenant, "member.profile-completed", Map.of("memberId", member.toString())),
                publish(tenant, "member.profile-completed", Map.of("memberId", member.toString())));
        awaitProcessed(events);

        assertThat(balance(tenant, member)).isEqualTo(30 + 30 + 20);
        assertThat(jdbc.queryForList("select occurrence from earning_event_award where tenant_id = ? order by 1",
                String.class, tenant.id())).containsExactly("birthday:2026", "birthday:2027", "profile-completed");
    }

    @Test
    void shouldPayNothingForEventsWithoutARule() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);

        awaitProcessed(List.of(publish(tenant, "member.registered", Map.of("memberId", member.toString(),
                "status", "active"))));

        assertThat(entries(tenant)).isZero();
    }

    @Test
    void shouldHoldACustomEventAboveTheTenantsThresholdInTheReviewQueue() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        PointsPolicy.defaults().velocity(null, 100L).applyTo(api, tenant);
        createRule(tenant, eventRule("review", "custom:review", 150));
        createRule(tenant, eventRule("like", "custom:like", 20));
        Map<String, Object> review = Map.of("type", "review", "memberId", member.toString(), "eventId", "ev-big");

        Api.Response big = api.post("/api/v1/events", tenant.adminToken(), key(), review);
        Api.Response small = api.post("/api/v1/events", tenant.adminToken(), key(),
                Map.of("type", "like", "memberId", member.toString(), "eventId", "ev-small"));
        Api.Response repeat = api.post("/api/v1/events", tenant.adminToken(), key(), review);
        JsonNode queue = api.get("/api/v1/points/reviews", tenant.adminToken()).json().path("items");
        Api.Response points = api.get("/api/v1/members/" + member + "/points", tenant.adminToken());

        assertThat(big.status()).as(big.toString()).isEqualTo(201);
        assertThat(big.longAt("pointsAwarded")).isEqualTo(150);
        assertThat(big.longAt("pointsHeld")).isEqualTo(150);
        assertThat(big.longAt("balance")).isZero();
        assertThat(small.longAt("pointsHeld")).isZero();
        assertThat(small.longAt("balance")).isEqualTo(20);
        assertThat(repeat.json()).isEqualTo(big.json());
        assertThat(queue).hasSize(1);
        assertThat(queue.path(0).path("points").asLong()).isEqualTo(150);
        assertThat(queue.path(0).path("cause").asString()).isEqualTo("above-threshold");
        assertThat(queue.path(0).path("sourceId").asString()).isEqualTo("custom:ev-big");
        assertThat(points.longAt("pending")).isEqualTo(150);
        assertThat(balance(tenant, member)).isEqualTo(20);

        Api.Response approved = api.post("/api/v1/points/reviews/" + queue.path(0).path("id").asString()
                + "/approve", tenant.adminToken(), key(), Map.of("reason", "real reviewer"));
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(balance(tenant, member)).isEqualTo(170);
    }

    @Test
    void shouldPayCustomEventsOncePerEventId() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        createRule(tenant, eventRule("review", "custom:review", 25));
        Map<String, Object> review = Map.of("type", "review", "memberId", member.toString(), "eventId", "ev-1",
                "attributes", Map.of("stars", 5, "product", "BREAD"));

        Api.Response first = api.post("/api/v1/events", tenant.adminToken(), key(), review);
        Api.Response repeat = api.post("/api/v1/events", tenant.adminToken(), key(), review);
        Api.Response other = api.post("/api/v1/events", tenant.adminToken(), key(),
                Map.of("type", "share", "memberId", member.toString(), "eventId", "ev-1"));
        Api.Response unknownType = api.post("/api/v1/events", tenant.adminToken(), key(),
                Map.of("type", "share", "memberId", member.toString(), "eventId", "ev-2"));

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        JsonNode body = first.json();
        assertThat(body.path("eventId").asString()).isEqualTo("ev-1");
        assertThat(body.path("pointsAwarded").asLong()).isEqualTo(25);
        assertThat(body.path("awards").get(0).path("rule").asString()).isEqualTo("review");
        assertThat(body.path("awards").get(0).path("points").asLong()).isEqualTo(25);
        assertThat(body.path("balance").asLong()).isEqualTo(25);
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.json()).isEqualTo(body);
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.code()).isEqualTo("event_exists");
        assertThat(unknownType.status()).isEqualTo(201);
        assertThat(unknownType.longAt("pointsAwarded")).isZero();
        assertThat(unknownType.json().path("awards")).isEmpty();
        assertThat(balance(tenant, member)).isEqualTo(25);
        assertThat(entries(tenant)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select attributes->>'product' from custom_event where tenant_id = ? "
                + "and event_id = 'ev-1'", String.class, tenant.id())).isEqualTo("BREAD");
    }

    @Test
    void shouldCapCustomEventsByTheirLimits() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        Map<String, Object> checkIn = eventRule("check-in", "custom:check-in", 10);
        checkIn.put("limits", Map.of("perMember", Map.of("lifetime", 15)));
        createRule(tenant, checkIn);

        List<Long> awarded = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            awarded.add(api.post("/api/v1/events", tenant.adminToken(), key(), Map.of("type", "check-in",
                    "memberId", member.toString(), "eventId", "c-" + i)).longAt("pointsAwarded"));
        }

        assertThat(awarded).containsExactly(10L, 5L, 0L);
        assertThat(balance(tenant, member)).isEqualTo(15);
    }

    @Test
    void shouldRefuseBadCustomEventsAndOtherTenantsMembers() {
        Tenant a = newTenant();
        Tenant b = newTenant();
        UUID member = newMember(a);
        createRule(b, eventRule("review", "custom:review", 25));
        List<Object> bad = List.of(Map.of("type", "Review!", "memberId", member.toString(), "eventId", "e"),
                Map.of("type", "review", "memberId", "nope", "eventId", "e"),
                Map.of("type", "review", "memberId", member.toString()),
                Map.of("type", "review", "memberId", member.toString(), "eventId", "e", "points", 100),
                Map.of("type", "review", "memberId", member.toString(), "eventId", "x".repeat(129)), "[]");

        for (Object body : bad) {
            Api.Response response = api.post("/api/v1/events", a.adminToken(), key(), body);
            assertThat(response.status()).as(body + " -> " + response).isEqualTo(400);
            assertThat(response.code()).isNotBlank();
        }
        Api.Response noKey = api.post("/api/v1/events", a.adminToken(), null,
                Map.of("type", "review", "memberId", member.toString(), "eventId", "e"));
        Api.Response otherTenant = api.post("/api/v1/events", b.adminToken(), key(),
                Map.of("type", "review", "memberId", member.toString(), "eventId", "e"));

        assertThat(noKey.status()).isEqualTo(400);
        assertThat(noKey.code()).isEqualTo("idempotency_key_required");
        assertThat(otherTenant.status()).isEqualTo(404);
        assertThat(otherTenant.code()).isEqualTo("member_not_found");
        assertThat(entries(a)).isZero();
        assertThat(entries(b)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from custom_event where tenant_id in (?, ?)", Long.class,
                a.id(), b.id())).isZero();
    }

    private void awaitProcessed(List<UUID> events) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> events.stream().allMatch(event -> processed(GROUP, event)));
    }
}
