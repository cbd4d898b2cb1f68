package io.jifen.points;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class TransferIT extends PointsServiceTestBase {

    @Test
    void shouldRefuseTransfersUnlessTheTenantEnabledThem() {
        Tenant tenant = newTenant();
        UUID from = newMember(tenant);
        UUID to = newMember(tenant);
        credit(tenant, from, 10);

        Api.Response response = transfer(tenant, from, to, 5);

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.code()).isEqualTo("transfers_disabled");
        assertThat(balance(tenant, from)).isEqualTo(10);
    }

    @Test
    void shouldMovePointsBetweenTwoMembersAndRefuseWhatTheGiverDoesNotHave() {
        Tenant tenant = enabledTenant();
        UUID from = newMember(tenant);
        UUID to = newMember(tenant);
        credit(tenant, from, 10);

        Api.Response moved = transfer(tenant, from, to, 7);
        Api.Response tooMuch = transfer(tenant, from, to, 4);
        Api.Response toSelf = transfer(tenant, from, from, 1);

        assertThat(moved.status()).as(moved.toString()).isEqualTo(201);
        assertThat(moved.longAt("fromBalance")).isEqualTo(3);
        assertThat(moved.longAt("toBalance")).isEqualTo(7);
        assertThat(tooMuch.code()).isEqualTo("insufficient_points");
        assertThat(toSelf.status()).isEqualTo(400);
        assertThat(balance(tenant, from)).isEqualTo(3);
        assertThat(balance(tenant, to)).isEqualTo(7);
    }

    @Test
    void shouldNotDeadlockOnOppositeConcurrentTransfers() throws Exception {
        Tenant tenant = enabledTenant();
        UUID a = newMember(tenant);
        UUID b = newMember(tenant);
        credit(tenant, a, 100);
        credit(tenant, b, 100);
        List<Future<Api.Response>> replies = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(40)) {
            for (int i = 0; i < 80; i++) {
                boolean forth = i % 2 == 0;
                replies.add(pool.submit(() -> {
                    start.await();
                    return forth ? transfer(tenant, a, b, 1) : transfer(tenant, b, a, 1);
                }));
            }
            start.countDown();
        }

        for (Future<Api.Response> reply : replies) {
            assertThat(reply.get().status()).as(reply.get().toString()).isEqualTo(201);
        }
        assertThat(balance(tenant, a) + balance(tenant, b)).isEqualTo(200);
        assertThat(balance(tenant, a)).isEqualTo(100);
    }

    @Test
    void shouldKeepTransfersWithinTheTenantsLimitsPerTransferAndPerDay() throws Exception {
        Tenant tenant = newTenant();
        PointsPolicy.defaults().with("transfersEnabled", true)
                .with("transferLimits", Map.of("maxPointsPerTransfer", 100, "maxPointsPerMemberPerDay", 150))
                .applyTo(api, tenant);
        UUID giver = newMember(tenant);
        UUID receiver = newMember(tenant);
        credit(tenant, giver, 1000);

        Api.Response tooBig = transfer(tenant, giver, receiver, 101);
        assertThat(transfer(tenant, giver, receiver, 100).status()).isEqualTo(201);
        // Two at once that each fit under the daily limit alone but not together: exactly one passes.
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Api.Response>> both = pool.invokeAll(List.of(() -> transfer(tenant, giver, receiver, 40),
                () -> transfer(tenant, giver, receiver, 40)));
        pool.shutdown();

        assertThat(tooBig.status()).isEqualTo(422);
        assertThat(tooBig.code()).isEqualTo("transfer_limit_exceeded");
        List<Integer> statuses = new ArrayList<>();
        for (Future<Api.Response> reply : both) {
            statuses.add(reply.get().status());
        }
        assertThat(statuses).containsExactlyInAnyOrder(201, 422);
        assertThat(balance(tenant, giver)).isEqualTo(860);
        assertThat(balance(tenant, receiver)).isEqualTo(140);
        assertThat(api.get("/api/v1/points/settings", tenant.adminToken()).json().path("transferLimits")
                .path("maxPointsPerMemberPerDay").asLong()).isEqualTo(150);
    }

    private Tenant enabledTenant() {
        Tenant tenant = newTenant();
        jdbc.update("insert into tenant_settings (tenant_id, transfers_enabled) values (?, true)", tenant.id());
        return tenant;
    }

    private Api.Response transfer(Tenant tenant, UUID from, UUID to, long points) {
        return api.post("/api/v1/points/transfers", tenant.adminToken(), key(),
                Map.of("fromMemberId", from.toString(), "toMemberId", to.toString(), "points", points));
    }
}
