package io.jifen.points;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

class PluginChannelsIT extends PluginsTestBase {

    private static final Map<String, Object> CHECKIN = Map.of("pointsPerDay", 10, "streakBonusDays", 7,
            "streakBonusPoints", 50);

    @Autowired
    MeterRegistry meters;

    @Autowired
    Environment environment;

    @BeforeAll
    void plugins() {
        http = new PluginHttp(port);
        install("jifen-checkin-plugin");
        install("jifen-misbehaving-plugin");
    }

    @Test
    void shouldLetOnlyTheTenantThatEnabledTheChannelEarnThroughIt() {
        Tenant a = newTenant();
        Tenant b = newTenant();
        UUID memberOfA = newMember(a);
        UUID memberOfB = newMember(b);
        enabled(a, "checkin", "checkin", CHECKIN);

        Api.Response earned = event(a, "checkin", memberOfA, Map.of());
        Api.Response otherTenant = event(b, "checkin", memberOfB, Map.of());
        Api.Response memberOfOtherTenant = event(a, "checkin", memberOfB, Map.of());

        assertThat(earned.status()).as(earned.toString()).isEqualTo(201);
        assertThat(earned.longAt("pointsAwarded")).isEqualTo(10);
        assertThat(earned.json().path("awards").get(0).path("reason").asString()).isEqualTo("daily check-in, day 1");
        assertThat(otherTenant.status()).isEqualTo(404);
        assertThat(otherTenant.code()).isEqualTo("channel_not_found");
        assertThat(memberOfOtherTenant.status()).isEqualTo(404);
        assertThat(balance(a, memberOfA)).isEqualTo(10);
        assertThat(entries(b)).isZero();
        assertThat(jdbc.queryForList("""
                select c.plugin_id || '/' || c.channel_id from ledger_entry e
                join ledger_entry_channel c on c.tenant_id = e.tenant_id and c.entry_id = e.id
                where e.tenant_id = ? and e.reason = 'plugin'""", String.class, a.id()))
                .containsExactly("checkin/checkin");
    }

    @Test
    void shouldShowATenantItsChannelsAndConfigsOnly() {
        Tenant a = newTenant();
        Tenant b = newTenant();
        enabled(a, "checkin", "checkin", Map.of("pointsPerDay", 25));

        Api.Response mine = api.get(enablementPath("checkin", "checkin"), a.adminToken());
        Api.Response theirs = api.get(enablementPath("checkin", "checkin"), b.adminToken());
        Api.Response list = api.get("/api/v1/channels", b.adminToken());

        assertThat(mine.json().path("enabled").asBoolean()).isTrue();
        assertThat(mine.json().path("config").path("pointsPerDay").asLong()).isEqualTo(25);
        assertThat(mine.json().path("config").path("streakBonusDays").asLong()).isEqualTo(7);
        assertThat(theirs.json().path("enabled").asBoolean()).isFalse();
        assertThat(theirs.json().path("config").path("pointsPerDay").asLong()).isEqualTo(10);
        assertThat(list.json().path("items").findValuesAsString("channelId")).contains("checkin", "test-hang");
    }

    @Test
    void shouldRefuseAConfigOutsideTheChannelsSchemaListingEveryError() {
        Tenant tenant = newTenant();

        Api.Response response = enable(tenant, "checkin", "checkin", Map.of("pointsPerDay", -1,
                "streakBonusDays", "seven", "bogus", true));

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("invalid_config");
        assertThat(response.json().path("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("config.pointsPerDay", "config.streakBonusDays", "config.bogus");
        assertThat(jdbc.queryForObject("select count(*) from channel_enablement where tenant_id = ?", Long.class,
                tenant.id())).isZero();
    }

    @Test
    void shouldCheckInOncePerDayEvenUnderConcurrentCalls() throws Exception {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        enabled(tenant, "checkin", "checkin", CHECKIN);
        List<Future<Api.Response>> replies = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 8; i++) {
                replies.add(pool.submit(() -> {
                    start.await();
                    return event(tenant, "checkin", member, Map.of());
                }));
            }
            start.countDown();
        }

        List<Integer> statuses = new ArrayList<>();
        for (Future<Api.Response> reply : replies) {
            statuses.add(reply.get().status());
        }
        assertThat(statuses).containsOnlyOnce(201).containsOnly(201, 422);
        assertThat(balance(tenant, member)).isEqualTo(10);
    }

    @Test
    void shouldReplayARepeatedEventIdAndRefuseItUnderAnotherIdempotencyKey() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        enabled(tenant, "test-misbehaving", "test-nonsense", Map.of());

        Api.Response first = event(tenant, "test-nonsense", member, "order-1", Map.of("answer", "fine"));
        Api.Response repeat = event(tenant, "test-nonsense", member, "order-1", Map.of("answer", "fine"));
        Api.Response otherKey = api.post("/api/v1/channels/test-nonsense/events", tenant.adminToken(), key(),
                Map.of("memberId", member.toString(), "eventId", "order-1", "attributes", Map.of("answer", "fine")));

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(otherKey.code()).as(otherKey.toString()).isEqualTo("event_exists");
        assertThat(balance(tenant, member)).isEqualTo(5);
    }

    @Test
    void shouldGiveTheChannelAClockInTheTenantsTimeZone() {
        Tenant shanghai = newTenant();
        Tenant unknown = newTenant();
        jdbc.update("insert into tenant_settings (tenant_id, timezone) values (?, 'Asia/Shanghai')", shanghai.id());
        enabled(shanghai, "test-misbehaving", "test-nonsense", Map.of());
        enabled(unknown, "test-misbehaving", "test-nonsense", Map.of());

        Api.Response inShanghai = event(shanghai, "test-nonsense", newMember(shanghai), Map.of("answer", "zone"));
        Api.Response inUtc = event(unknown, "test-nonsense", newMember(unknown), Map.of("answer", "zone"));

        assertThat(inShanghai.status()).as(inShanghai.toString()).isEqualTo(201);
        assertThat(inShanghai.json().path("awards").get(0).path("reason").asString()).isEqualTo("Asia/Shanghai");
        assertThat(inUtc.json().path("awards").get(0).path("reason").asString())
                .as("a tenant whose zone is not known yet").isEqualTo("UTC");
    }

    @Test
    void shouldCreateTheLotOfAnAwardWithTheExpiryTheChannelGave() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        enabled(tenant, "test-misbehaving", "test-nonsense", Map.of());
        Instant expiresAt = Instant.now().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS);

        Api.Response expiring = event(tenant, "test-nonsense", member, Map.of("answer", "expiring",
                "expiresAt", expiresAt.toString()));
        Api.Response lasting = event(tenant, "test-nonsense", member, Map.of("answer", "fine"));

        assertThat(expiring.status()).as(expiring.toString()).isEqualTo(201);
        assertThat(lasting.status()).as(lasting.toString()).isEqualTo(201);
        assertThat(lotExpiry(tenant, expiring)).isEqualTo(expiresAt);
        assertThat(lotExpiry(tenant, lasting)).as("no expiry from the channel: the tenant's policy (never)").isNull();
        Api.Response points = api.get("/api/v1/members/" + member + "/points", tenant.adminToken());
        assertThat(points.longAt("balance")).isEqualTo(10);
        assertThat(points.json().path("expiring").get(0).path("points").asLong()).isEqualTo(5);
    }

    @Test
    void shouldHoldAChannelAwardAboveTheTenantsThresholdForReview() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        PointsPolicy.defaults().velocity(null, 4L).applyTo(api, tenant);
        enabled(tenant, "test-misbehaving", "test-nonsense", Map.of());

        Api.Response held = event(tenant, "test-nonsense", member, Map.of("answer", "fine"));

        assertThat(held.status()).as(held.toString()).isEqualTo(201);
        assertThat(held.longAt("pointsAwarded")).isEqualTo(5);
        assertThat(held.longAt("pointsHeld")).isEqualTo(5);
        assertThat(held.longAt("balance")).isZero();
        assertThat(held.json().path("awards").get(0).hasNonNull("entryId")).as("held: no entry yet").isFalse();
        assertThat(api.get("/api/v1/points/reviews", tenant.adminToken()).json().path("items").path(0)
                .path("points").asLong()).isEqualTo(5);
        assertThat(entries(tenant)).isZero();
    }

    private Instant lotExpiry(Tenant tenant, Api.Response event) {
        java.sql.Timestamp expiry = jdbc.queryForObject("select expires_at from lot where tenant_id = ? "
                + "and source_entry_id = ?::uuid", java.sql.Timestamp.class, tenant.id(),
                event.json().path("awards").get(0).path("entryId").asString());
        return expiry == null ? null : expiry.toInstant();
    }

    @Test
    void shouldTimeOutAHangingChannelAndKeepServingOthers() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        enabled(tenant, "test-misbehaving", "test-hang", Map.of());
        enabled(tenant, "checkin", "checkin", CHECKIN);
        double before = failures("test-hang", "timeout");

        Api.Response hung = event(tenant, "test-hang", member, Map.of());
        Api.Response checkin = event(tenant, "checkin", member, Map.of());

        assertThat(hung.status()).as(hung.toString()).isEqualTo(502);
        assertThat(hung.code()).isEqualTo("plugin_timeout");
        assertThat(failures("test-hang", "timeout")).isEqualTo(before + 1);
        assertThat(checkin.status()).as(checkin.toString()).isEqualTo(201);
        assertThat(balance(tenant, member)).isEqualTo(10);
    }

    @Test
    void shouldRejectNonsenseOutputAndWriteNothing() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        enabled(tenant, "test-misbehaving", "test-nonsense", Map.of());

        Api.Response nothing = event(tenant, "test-nonsense", member, Map.of("answer", "null"));
        Api.Response huge = event(tenant, "test-nonsense", member, Map.of("answer", "huge"));
        Api.Response blank = event(tenant, "test-nonsense", member, Map.of("answer", "blank-reason"));

        assertThat(List.of(nothing.code(), huge.code(), blank.code())).containsOnly("plugin_invalid_output");
        assertThat(huge.status()).isEqualTo(502);
        assertThat(huge.json().path("detail").asString()).contains("cap of 10000");
        assertThat(entries(tenant)).isZero();
    }

    @Test
    void shouldSwitchOffAFailingChannelForThatTenantOnly() {
        Tenant a = newTenant();
        Tenant b = newTenant();
        UUID memberOfA = newMember(a);
        UUID memberOfB = newMember(b);
        enabled(a, "test-misbehaving", "test-throw", Map.of());
        enabled(b, "test-misbehaving", "test-throw", Map.of());
        enabled(a, "test-misbehaving", "test-nonsense", Map.of());

        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            codes.add(event(a, "test-throw", memberOfA, Map.of()).code());
        }
        Api.Response otherTenant = event(b, "test-throw", memberOfB, Map.of());
        Api.Response otherChannel = event(a, "test-nonsense", memberOfA, Map.of("answer", "fine"));

        assertThat(codes.subList(0, 5)).containsOnly("plugin_failed");
        assertThat(codes.get(5)).isEqualTo("channel_suspended");
        assertThat(otherTenant.code()).isEqualTo("plugin_failed");
        assertThat(otherChannel.status()).as(otherChannel.toString()).isEqualTo(201);
    }

    @Test
    void shouldGiveAPluginNoWayToSpringThePointsServiceOrTheDatabase() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        enabled(tenant, "test-misbehaving", "test-probe", Map.of());

        Api.Response probe = event(tenant, "test-probe", member,
                Map.of("jdbcUrl", environment.getRequiredProperty("spring.datasource.url")));

        assertThat(probe.code()).as(probe.toString()).isEqualTo("event_rejected");
        assertThat(probe.json().path("reason").asString())
                .isEqualTo("spring=blocked ledger=blocked tccl=blocked jdbc=blocked");
    }

    @Test
    void shouldRefuseEventsWithoutAMemberOrWithBadIds() {
        Tenant tenant = newTenant();
        enabled(tenant, "checkin", "checkin", CHECKIN);

        Api.Response noMember = api.post("/api/v1/channels/checkin/events", tenant.adminToken(), null,
                Map.of("eventId", "e1"));
        Api.Response unknownMember = event(tenant, "checkin", UUID.randomUUID(), Map.of());
        Api.Response badChannel = event(tenant, "NOT_A_CHANNEL", newMember(tenant), Map.of());
        Api.Response smuggled = api.post("/api/v1/channels/checkin/events", tenant.adminToken(), null,
                Map.of("memberId", newMember(tenant).toString(), "eventId", "e2", "points", 1000));

        assertThat(noMember.status()).as(noMember.toString()).isEqualTo(400);
        assertThat(unknownMember.status()).isEqualTo(404);
        assertThat(badChannel.status()).isEqualTo(404);
        assertThat(smuggled.status()).isEqualTo(400);
        assertThat(entries(tenant)).isZero();
    }

    private double failures(String channel, String kind) {
        var counter = meters.find("jifen.plugin.failures").tags("channel", channel, "kind", kind).counter();
        return counter == null ? 0 : counter.count();
    }
}
