package io.jifen.points;

import static org.assertj.core.api.Assertions.assertThat;

import io.jifen.points.expiry.LotJobs;
import io.jifen.points.settings.ExpiryPolicy;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ExpiryIT extends PointsServiceTestBase {

    @Autowired
    LotJobs jobs;

    @Test
    void shouldStampEachPolicysExpiryOnEarningsInTheTenantsZoneAndLeaveOtherCreditsAlone() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        jdbc.update("insert into tenant_settings (tenant_id, timezone) values (?, 'Asia/Shanghai')", tenant.id());
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        Map<String, Integer> policies = Map.of("days-after-earn", 30, "end-of-month", 0, "end-of-quarter", 10,
                "end-of-year", 400);

        Instant neverStamped = stampedBy(tenant, member, "never", 0, "o-never");
        credit(tenant, member, 5);
        for (var policy : policies.entrySet()) {
            String order = "o-" + policy.getKey();
            Instant stamped = stampedBy(tenant, member, policy.getKey(), policy.getValue(), order);
            Instant earnedAt = jdbc.queryForObject("""
                    select e.created_at from ledger_entry e join purchase p on p.tenant_id = e.tenant_id
                      and p.entry_id = e.id where p.tenant_id = ? and p.order_id = ?""", Timestamp.class,
                    tenant.id(), order).toInstant();
            Instant expected = ExpiryPolicy.of(policy.getKey()).expiresAt(earnedAt, policy.getValue(), shanghai);
            // The service's clock read "now" a moment before the database stamped the entry.
            assertThat(Duration.between(stamped, expected).abs()).as(policy.getKey()).isLessThan(Duration.ofSeconds(5));
        }

        assertThat(neverStamped).isNull();
        assertThat(jdbc.queryForObject("""
                select count(*) from lot where tenant_id = ? and kind = 'adjust' and expires_at is null""", Long.class,
                tenant.id())).as("an admin adjustment never expires").isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from lot where tenant_id = ? and kind = 'earn'"
                + " and source_id = 'o-never' and expires_at is null", Long.class, tenant.id()))
                .as("a policy change applies to new earnings only").isEqualTo(1);
    }

    @Test
    void shouldExpireExactlyTheUnspentRemainderOnceAndSayItInAnEntryAndAnEvent() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        setPolicy(tenant, PointsPolicy.defaults().expiry("days-after-earn", 30));
        recordPurchase(tenant, member, "o-1", "100.00");
        adjust(tenant, member, -30, key());
        Instant later = Instant.now().plus(Duration.ofDays(31));

        jobs.expireDue(later);
        long expired = expired(tenant);
        jobs.expireDue(later);

        assertThat(expired).isEqualTo(70);
        assertThat(expired(tenant)).as("a second run finds nothing").isEqualTo(70);
        assertThat(balance(tenant, member)).isZero();
        List<Map<String, Object>> entries = jdbc.queryForList("""
                select points, reason, balance_after from ledger_entry where tenant_id = ? and kind = 'expire'""",
                tenant.id());
        assertThat(entries).containsExactly(Map.of("points", -70L, "reason", "expiry", "balance_after", 0L));
        assertThat(events(tenant, "points.expired")).singleElement().satisfies(payload -> {
            assertThat(payload).contains("\"points\": 70", "\"reason\": \"expiry\"", member.toString());
        });
        assertThat(jdbc.queryForObject("select remaining from lot where tenant_id = ? and kind = 'earn'", Long.class,
                tenant.id())).isZero();
    }

    @Test
    void shouldNotExpireLotsBeforeTheirTimeNorSpentOnes() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        setPolicy(tenant, PointsPolicy.defaults().expiry("days-after-earn", 30));
        recordPurchase(tenant, member, "o-spent", "40.00");
        adjust(tenant, member, -40, key());
        recordPurchase(tenant, member, "o-live", "25.00");

        jobs.expireDue(Instant.now().plus(Duration.ofDays(29)));
        jdbc.update("update lot set expires_at = now() - interval '1 day' where tenant_id = ? and source_id = ?",
                tenant.id(), "o-spent");
        jobs.expireDue(Instant.now());

        assertThat(balance(tenant, member)).isEqualTo(25);
        assertThat(jdbc.queryForObject("select count(*) from ledger_entry where tenant_id = ? and kind = 'expire'",
                Long.class, tenant.id())).isZero();
    }

    @Test
    void shouldNeverExpireALotTwiceWhenSeveralRunsGoAtOnce() throws Exception {
        Tenant tenant = newTenant();
        setPolicy(tenant, PointsPolicy.defaults().expiry("days-after-earn", 1));
        List<UUID> members = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            UUID member = newMember(tenant);
            members.add(member);
            recordPurchase(tenant, member, "o-c-" + i, "10.00");
            recordPurchase(tenant, member, "o-d-" + i, "5.00");
        }
        Instant later = Instant.now().plus(Duration.ofDays(2));
        List<Callable<Long>> runs = List.of(() -> jobs.expireDue(later), () -> jobs.expireDue(later),
                () -> jobs.expireDue(later), () -> jobs.expireDue(later));

        try (ExecutorService pool = Executors.newFixedThreadPool(runs.size())) {
            for (Future<Long> run : pool.invokeAll(runs)) {
                run.get();
            }
        }
        jobs.expireDue(later); // whatever a run skipped because another held it

        assertThat(expired(tenant)).isEqualTo(12 * 15);
        assertThat(jdbc.queryForObject("""
                select count(*) from ledger_entry where tenant_id = ? and kind = 'expire'""", Long.class,
                tenant.id())).isEqualTo(24);
        assertThat(jdbc.queryForObject("""
                select count(distinct source_id) from ledger_entry where tenant_id = ? and kind = 'expire'""",
                Long.class, tenant.id())).as("one expire entry per lot").isEqualTo(24);
        for (UUID member : members) {
            assertThat(balance(tenant, member)).isZero();
        }
    }

    @Test
    void shouldWorkThroughEveryTenantInOneRunAndLeaveLotsNotDueAlone() {
        Tenant a = newTenant();
        Tenant b = newTenant();
        UUID memberOfA = newMember(a);
        UUID memberOfB = newMember(b);
        setPolicy(a, PointsPolicy.defaults().expiry("days-after-earn", 10));
        setPolicy(b, PointsPolicy.defaults().expiry("days-after-earn", 20));
        recordPurchase(a, memberOfA, "o-a", "11.00");
        recordPurchase(b, memberOfB, "o-b", "22.00");

        jobs.expireDue(Instant.now().plus(Duration.ofDays(11)));
        long bBefore = expired(b);
        jobs.expireDue(Instant.now().plus(Duration.ofDays(21)));

        assertThat(expired(a)).isEqualTo(11);
        assertThat(bBefore).isZero();
        assertThat(expired(b)).isEqualTo(22);
        assertThat(balance(a, memberOfA)).isZero();
        assertThat(balance(b, memberOfB)).isZero();
    }

    @Test
    void shouldExpireDueLotsBeforeASpendSoItUsesOnlyLivePoints() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        setPolicy(tenant, PointsPolicy.defaults().expiry("days-after-earn", 30));
        recordPurchase(tenant, member, "o-old", "50.00");
        setPolicy(tenant, PointsPolicy.defaults());
        recordPurchase(tenant, member, "o-new", "40.00");
        jdbc.update("update lot set expires_at = now() - interval '1 second' where tenant_id = ? and source_id = ?",
                tenant.id(), "o-old");
        assertThat(balance(tenant, member)).as("counted until the expire entry").isEqualTo(90);

        Api.Response tooMuch = adjust(tenant, member, -41, key());
        Api.Response spend = adjust(tenant, member, -40, key());

        assertThat(tooMuch.status()).as(tooMuch.toString()).isEqualTo(422);
        assertThat(tooMuch.code()).isEqualTo("insufficient_points");
        assertThat(spend.status()).as(spend.toString()).isEqualTo(201);
        assertThat(spend.longAt("balance")).isZero();
        assertThat(jdbc.queryForList("""
                select l.source_id from lot_consumption c join lot l on l.tenant_id = c.tenant_id and l.id = c.lot_id
                where c.tenant_id = ? and c.entry_id = ?""", String.class, tenant.id(),
                UUID.fromString(spend.json().path("entryId").asString()))).containsExactly("o-new");
        assertThat(expired(tenant)).isEqualTo(50);
        jobs.expireDue(Instant.now());
        assertThat(expired(tenant)).isEqualTo(50);
    }

    @Test
    void shouldAnnounceExpiringPointsOncePerLotWhenTheyEnterTheNoticePeriod() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        setPolicy(tenant, PointsPolicy.defaults().expiry("days-after-earn", 60).noticeDays(30));
        recordPurchase(tenant, member, "o-soon", "20.00");
        recordPurchase(tenant, member, "o-later", "30.00");
        jdbc.update("update lot set expires_at = now() + interval '10 days' where tenant_id = ? and source_id = ?",
                tenant.id(), "o-soon");
        adjust(tenant, member, -5, key()); // spends from the soonest-expiring lot: 15 of it are left to announce

        jobs.noticeExpiring(Instant.now());
        jobs.noticeExpiring(Instant.now());
        List<String> announced = events(tenant, "points.expiring");
        jobs.noticeExpiring(Instant.now().plus(Duration.ofDays(31)));

        assertThat(announced).singleElement().satisfies(payload -> assertThat(payload)
                .contains("\"points\": 15", member.toString(), "expiresAt"));
        assertThat(events(tenant, "points.expiring")).hasSize(2).anySatisfy(payload -> assertThat(payload)
                .contains("\"points\": 30"));
    }

    @Test
    void shouldForecastWhatExpiresPerMonthAndDayForTheTenantAndEachMember() {
        Tenant tenant = newTenant();
        UUID alice = newMember(tenant);
        UUID bob = newMember(tenant);
        setPolicy(tenant, PointsPolicy.defaults().expiry("days-after-earn", 30));
        recordPurchase(tenant, alice, "o-a1", "10.00");
        recordPurchase(tenant, alice, "o-a2", "20.00");
        recordPurchase(tenant, bob, "o-b1", "40.00");
        recordPurchase(tenant, bob, "o-b2", "7.00");
        adjust(tenant, bob, -5, key());
        moveExpiry(tenant, "o-a1", "2030-03-05T10:00:00Z");
        moveExpiry(tenant, "o-a2", "2030-03-20T10:00:00Z");
        moveExpiry(tenant, "o-b1", "2030-03-05T23:00:00Z");
        moveExpiry(tenant, "o-b2", "2030-05-01T00:00:00Z");

        Api.Response months = api.get("/api/v1/points/expiry-forecast?from=2030-01-01&to=2031-01-01",
                tenant.adminToken());
        Api.Response days = api.get("/api/v1/points/expiry-forecast?from=2030-03-01&to=2030-04-01&granularity=day",
                tenant.adminToken());
        Api.Response bobs = api.get("/api/v1/members/" + bob + "/points/expiry-forecast?from=2030-01-01&to=2031-01-01",
                tenant.adminToken());

        assertThat(months.status()).as(months.toString()).isEqualTo(200);
        assertThat(months.json().path("periods")).isEqualTo(Api.JSON.readTree("""
                [{"period": "2030-03", "points": 65}, {"period": "2030-05", "points": 7}]"""));
        assertThat(months.longAt("total")).isEqualTo(72);
        assertThat(days.json().path("periods")).isEqualTo(Api.JSON.readTree("""
                [{"period": "2030-03-05", "points": 45}, {"period": "2030-03-20", "points": 20}]"""));
        assertThat(bobs.json().path("periods")).isEqualTo(Api.JSON.readTree("""
                [{"period": "2030-03", "points": 35}, {"period": "2030-05", "points": 7}]"""));
        assertThat(bobs.longAt("total")).isEqualTo(42);
    }

    @Test
    void shouldRefuseBadForecastParametersAndAnotherTenantsMember() {
        Tenant tenant = newTenant();
        Tenant other = newTenant();
        UUID member = newMember(tenant);

        Api.Response granularity = api.get("/api/v1/points/expiry-forecast?granularity=week", tenant.adminToken());
        Api.Response backwards = api.get("/api/v1/points/expiry-forecast?from=2030-02-01&to=2030-01-01",
                tenant.adminToken());
        Api.Response notADate = api.get("/api/v1/points/expiry-forecast?from=tomorrow", tenant.adminToken());
        Api.Response farOut = api.get("/api/v1/points/expiry-forecast?from=%2B999999999-12-31", tenant.adminToken());
        Api.Response foreign = api.get("/api/v1/members/" + member + "/points/expiry-forecast", other.adminToken());

        assertThat(granularity.status()).isEqualTo(400);
        assertThat(granularity.code()).isEqualTo("validation_failed");
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.code()).isEqualTo("invalid_parameter");
        assertThat(notADate.status()).isEqualTo(400);
        assertThat(notADate.code()).isEqualTo("invalid_parameter");
        assertThat(farOut.status()).as(farOut.toString()).isEqualTo(400);
        assertThat(farOut.code()).isEqualTo("invalid_parameter");
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.code()).isEqualTo("member_not_found");
    }

    /** Records a purchase under {@code policy} and answers the expiry stamped on its lot. */
    private Instant stampedBy(Tenant tenant, UUID member, String policy, int days, String orderId) {
        setPolicy(tenant, PointsPolicy.defaults().expiry(policy, days));
        Api.Response response = recordPurchase(tenant, member, orderId, "10.00");
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        Timestamp stamped = jdbc.queryForObject("select expires_at from lot where tenant_id = ? and source_id = ?",
                Timestamp.class, tenant.id(), orderId);
        return stamped == null ? null : stamped.toInstant();
    }

    private void setPolicy(Tenant tenant, PointsPolicy policy) {
        policy.applyTo(api, tenant);
    }

    private void moveExpiry(Tenant tenant, String orderId, String expiresAt) {
        jdbc.update("update lot set expires_at = ? where tenant_id = ? and source_id = ?",
                Timestamp.from(Instant.parse(expiresAt)), tenant.id(), orderId);
    }

    /** The points this tenant's expire entries took. */
    private long expired(Tenant tenant) {
        return -jdbc.queryForObject("""
                select coalesce(sum(points), 0) from ledger_entry where tenant_id = ? and kind = 'expire'""",
                Long.class, tenant.id());
    }

    private List<String> events(Tenant tenant, String type) {
        return jdbc.queryForList("select payload::text from outbox_event where tenant_id = ? and type = ? order by 1",
                String.class, tenant.id(), type);
    }
}
