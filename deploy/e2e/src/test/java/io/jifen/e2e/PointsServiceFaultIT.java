package io.jifen.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jifen.e2e.PurchaseLoad.Account;
import io.jifen.e2e.PurchaseLoad.Outcome;
import io.jifen.testsupport.TestHttp;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * QUALITY.md's ledger faults, on the running platform: points-service is killed (SIGKILL) or stopped (SIGTERM) while
 * POS clients post purchases through the gateway, then started again by the launcher. What the clients were told is
 * then held against what points-service stored (LedgerAudit). Each test leaves points-service running and healthy.
 */
class PointsServiceFaultIT {

    private static final int CLIENTS = 16;
    private static final int MAX_REQUESTS = 4_000;
    private static final Duration MAX_LOAD = Duration.ofSeconds(30);
    /** Acknowledged purchases before the fault: the load is well under way. */
    private static final int ACKNOWLEDGED_BEFORE_FAULT = 100;

    private static RunningPlatform platform;
    private static TestHttp gateway;
    private static ServiceProcess points;

    @BeforeAll
    static void platform() {
        platform = RunningPlatform.get();
        gateway = new TestHttp(platform.gateway());
        points = new ServiceProcess(platform, "points-service");
    }

    @AfterEach
    void leavePointsServiceRunning() {
        points.ensureRunning();
    }

    @Test
    void shouldKeepEveryAcknowledgedPurchaseExactlyOnceWithItsEventsWhenThePointsServiceIsKilledUnderLoad() {
        List<Account> accounts = accounts();
        Instant began = Instant.now();
        PurchaseLoad load = new PurchaseLoad(platform.gateway(), accounts, CLIENTS, MAX_REQUESTS, MAX_LOAD);
        load.start();
        await().atMost(MAX_LOAD).until(() -> load.acknowledged() >= ACKNOWLEDGED_BEFORE_FAULT);

        long killed = System.nanoTime();
        points.kill();
        // The clients go on against a dead service, as POS terminals would, until each has had a few refusals.
        int refusedBefore = load.unacknowledged();
        await().atMost(MAX_LOAD).until(() -> load.unacknowledged() >= refusedBefore + 3 * CLIENTS);
        List<Outcome> sent = load.stop();
        points.ensureRunning();
        Outcome served = postUntilServed(load, accounts.getFirst());

        List<Outcome> unacknowledged = sent.stream().filter(o -> !o.acknowledged()).toList();
        assertThat(unacknowledged).as("answers the gateway gave while points-service was down")
                .allSatisfy(o -> assertCleanRefusal(o));
        // The ones in flight at the kill may have committed without their answer; a few later ones never reached it.
        List<Outcome> inFlightAtKill = unacknowledged.stream().filter(o -> o.inFlightAt(killed)).toList();
        assertThat(inFlightAtKill).as("purchases in flight when points-service was killed").isNotEmpty();
        List<Outcome> retried = Stream.concat(inFlightAtKill.stream(),
                        unacknowledged.stream().filter(o -> !o.inFlightAt(killed)).limit(20))
                .map(o -> load.send(o.purchase())).toList();
        assertThat(retried).as("retries with the same Idempotency-Key").allSatisfy(retry -> {
            if (retry.status() == 409) {
                // The killed process's session still held the key (IdempotentRequests), not yet closed by PostgreSQL.
                assertThat(retry.code()).as(retry.toString()).isEqualTo("idempotency_in_flight");
            } else {
                assertThat(retry.status()).as(retry.toString()).isIn(200, 201);
                assertThat(TestHttp.JSON.readTree(retry.body()).path("pointsAwarded").asLong())
                        .isEqualTo(retry.purchase().points());
            }
        });
        // In flight means nothing committed: under a new key the order is recorded now, for the first time.
        List<Outcome> reposted = retried.stream().filter(retry -> retry.status() == 409)
                .map(retry -> load.send(PurchaseLoad.withNewKey(retry.purchase()))).toList();
        assertThat(reposted).as("orders whose key the kill left in flight, posted again under a new key")
                .allSatisfy(o -> assertThat(o.status()).as(o.toString()).isEqualTo(201));
        assertRepliesReplay(sent.stream().filter(Outcome::acknowledged).limit(20).toList(), load);

        List<Outcome> all = new ArrayList<>(sent);
        all.add(served);
        all.addAll(retried);
        all.addAll(reposted);
        Map<String, LedgerAudit.Stored> stored = LedgerAudit.assertEveryAcknowledgedPurchaseExactlyOnce(platform, all,
                began);
        report("kill -9", sent, retried, reposted, stored);
    }

    @Test
    void shouldDrainInFlightPurchasesAndLoseNothingAcknowledgedWhenThePointsServiceIsStoppedUnderLoad()
            throws Exception {
        List<Account> accounts = accounts();
        Path log = platform.log("points-service");
        Instant began = Instant.now();
        PurchaseLoad load = new PurchaseLoad(platform.gateway(), accounts, CLIENTS, MAX_REQUESTS, MAX_LOAD);
        load.start();
        await().atMost(MAX_LOAD).until(() -> load.acknowledged() >= ACKNOWLEDGED_BEFORE_FAULT);

        long logBefore = Files.size(log);
        long signalled = System.nanoTime();
        // Exits by itself: the launcher's down would kill it after 45 s, this bound only keeps a hung one from hanging us.
        points.terminate().get(2, TimeUnit.MINUTES);
        int refusedBefore = load.unacknowledged();
        await().atMost(MAX_LOAD).until(() -> load.unacknowledged() >= refusedBefore + CLIENTS);
        List<Outcome> sent = load.stop();

        assertThat(logSince(log, logBefore)).contains("Commencing graceful shutdown", "Graceful shutdown complete")
                .doesNotContain("Graceful shutdown aborted");
        assertThat(sent).as("every answer a client got").allSatisfy(o -> {
            if (!o.acknowledged()) {
                assertCleanRefusal(o);
            }
        });
        List<Outcome> inFlight = sent.stream().filter(o -> o.inFlightAt(signalled)).toList();
        assertThat(inFlight).as("purchases in flight at SIGTERM").anySatisfy(o -> assertThat(o.acknowledged()).isTrue());

        points.ensureRunning();
        List<Outcome> all = new ArrayList<>(sent);
        all.add(postUntilServed(load, accounts.getLast()));
        Map<String, LedgerAudit.Stored> stored = LedgerAudit.assertEveryAcknowledgedPurchaseExactlyOnce(platform, all,
                began);
        report("SIGTERM", sent, List.of(), List.of(), stored);
    }

    /** Two tenants (on a plan whose rate limit is above the load) with four members each. */
    private static List<Account> accounts() {
        List<Account> accounts = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            // Signup provisions Keycloak, which on a busy machine can outlast the gateway's response timeout (503).
            AtomicReference<Merchants.Tenant> signedUp = new AtomicReference<>();
            await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> signedUp.set(Merchants.signUp(platform)));
            Merchants.Tenant shop = signedUp.get();
            Merchants.changePlan(platform, shop, "enterprise");
            for (int m = 0; m < 4; m++) {
                TestHttp.Response member = gateway.post("/api/v1/members", shop.token(), Map.of("name", "POS " + m));
                assertThat(member.status()).as(member.body()).isEqualTo(201);
                accounts.add(new Account(shop, member.json().path("id").asString()));
            }
        }
        return accounts;
    }

    /** Not acknowledged, and said so plainly: the gateway's 503, never a 5xx of the service or a dropped connection. */
    private static void assertCleanRefusal(Outcome outcome) {
        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(503);
        assertThat(outcome.code()).as(outcome.toString()).isEqualTo("service_unavailable");
    }

    /** The same key and body again: the first reply, byte for byte, and nothing new stored (the audit counts). */
    private static void assertRepliesReplay(List<Outcome> acknowledged, PurchaseLoad load) {
        assertThat(acknowledged).allSatisfy(first -> {
            Outcome again = load.send(first.purchase());
            assertThat(again.status()).as(again.toString()).isEqualTo(first.status());
            assertThat(again.body()).isEqualTo(first.body());
        });
    }

    /**
     * A new purchase, posted with the same key until the restarted service records it: the gateway's circuit breaker
     * may refuse calls for a while yet, and a POS would simply retry.
     */
    private static Outcome postUntilServed(PurchaseLoad load, Account account) {
        PurchaseLoad.Purchase purchase = new PurchaseLoad.Purchase(account, "after-" + UUID.randomUUID(),
                new BigDecimal("12.34"), UUID.randomUUID().toString());
        AtomicReference<Outcome> served = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            served.set(load.send(purchase));
            assertThat(served.get().status()).as(served.get().toString()).isEqualTo(201);
        });
        return served.get();
    }

    private static String logSince(Path log, long offset) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            file.seek(offset);
            byte[] tail = new byte[(int) (file.length() - offset)];
            file.readFully(tail);
            return new String(tail, StandardCharsets.UTF_8);
        }
    }

    private static void report(String fault, List<Outcome> sent, List<Outcome> retried, List<Outcome> reposted,
                               Map<String, LedgerAudit.Stored> stored) {
        long acknowledged = sent.stream().filter(Outcome::acknowledged).count();
        long storedUnacknowledged = sent.stream().filter(o -> !o.acknowledged())
                .filter(o -> stored.containsKey(o.purchase().orderId())).count();
        System.out.printf("%s under load: %d sent, %d acknowledged, %d not (%d of them stored: committed without an"
                        + " answer, or by a retry); %d retried with the same key, %d posted again under a new key;"
                        + " %d purchases stored%n", fault, sent.size(), acknowledged, sent.size() - acknowledged,
                storedUnacknowledged, retried.size(), reposted.size(), stored.size());
    }
}
