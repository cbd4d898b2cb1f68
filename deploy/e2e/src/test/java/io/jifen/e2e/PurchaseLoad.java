package io.jifen.e2e;

import io.jifen.testsupport.TestHttp;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * POS terminals posting purchases through the gateway from several client threads, each purchase with its own order id
 * and Idempotency-Key. Bounded: it stops after {@code maxRequests}, after {@code maxDuration}, or when told to. Every
 * send is recorded with its answer, so a test knows which purchases were acknowledged (201/200) and which were not
 * (a 503, a lost connection) and may send those again with the same key, as a POS retrying would.
 */
final class PurchaseLoad {

    /** A member of a tenant, whose purchases the load posts. */
    record Account(Merchants.Tenant tenant, String memberId) {
    }

    /** One purchase as a POS posts it; sent again, it carries the same key and body. */
    record Purchase(Account account, String orderId, BigDecimal amount, String key) {

        Map<String, Object> body() {
            return Map.of("memberId", account.memberId(), "orderId", orderId, "amount", amount, "currency", "CNY");
        }

        /** What the default program awards: a point per whole currency unit. */
        long points() {
            return amount.setScale(0, RoundingMode.FLOOR).longValueExact();
        }
    }

    /**
     * What one send got back: the status, or 0 when no answer reached the client (connection refused or lost), and
     * when it was sent and answered ({@link System#nanoTime()}), to tell which were in flight at a given moment.
     */
    record Outcome(Purchase purchase, int status, String body, long sentAt, long answeredAt) {

        boolean acknowledged() {
            return status == 200 || status == 201;
        }

        boolean inFlightAt(long moment) {
            return sentAt <= moment && moment <= answeredAt;
        }

        String code() {
            try {
                return TestHttp.JSON.readTree(body).path("code").asString();
            } catch (RuntimeException e) {
                return "";
            }
        }

        @Override
        public String toString() {
            return purchase.orderId() + " → " + status + " " + body;
        }
    }

    private final TestHttp gateway;
    private final List<Account> accounts;
    private final int clients;
    private final int maxRequests;
    private final long deadline;
    private final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final AtomicInteger unacknowledged = new AtomicInteger();
    private volatile boolean stopped;
    private ExecutorService pool;

    PurchaseLoad(String gateway, List<Account> accounts, int clients, int maxRequests, Duration maxDuration) {
        this.gateway = new TestHttp(gateway);
        this.accounts = List.copyOf(accounts);
        this.clients = clients;
        this.maxRequests = maxRequests;
        this.deadline = System.nanoTime() + maxDuration.toNanos();
    }

    void start() {
        pool = Executors.newFixedThreadPool(clients);
        for (int i = 0; i < clients; i++) {
            pool.submit(this::postUntilDone);
        }
    }

    int acknowledged() {
        return acknowledged.get();
    }

    int unacknowledged() {
        return unacknowledged.get();
    }

    /** Lets each client finish the request in hand, then returns every outcome. */
    List<Outcome> stop() {
        stopped = true;
        pool.close();
        return new ArrayList<>(outcomes);
    }

    /** Sends one purchase (a new one or a retry) and records nothing: the caller keeps the outcome. */
    Outcome send(Purchase purchase) {
        long sentAt = System.nanoTime();
        try {
            TestHttp.Response response = gateway.post("/api/v1/purchases", purchase.account().tenant().token(),
                    purchase.body(), purchase.key());
            return new Outcome(purchase, response.status(), response.body(), sentAt, System.nanoTime());
        } catch (UncheckedIOException e) {
            return new Outcome(purchase, 0, String.valueOf(e.getCause()), sentAt, System.nanoTime());
        }
    }

    /** The same order and amount under a new key: a POS that lost its key and posts the order again. */
    static Purchase withNewKey(Purchase purchase) {
        return new Purchase(purchase.account(), purchase.orderId(), purchase.amount(), UUID.randomUUID().toString());
    }

    private void postUntilDone() {
        while (!stopped && System.nanoTime() < deadline && started.incrementAndGet() <= maxRequests) {
            Outcome outcome = send(next());
            outcomes.add(outcome);
            (outcome.acknowledged() ? acknowledged : unacknowledged).incrementAndGet();
        }
    }

    private Purchase next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Account account = accounts.get(random.nextInt(accounts.size()));
        // 1.00 to 499.99: every purchase earns at least a point, so each one has a ledger entry.
        BigDecimal amount = BigDecimal.valueOf(random.nextLong(100, 50_000), 2);
        return new Purchase(account, "load-" + UUID.randomUUID(), amount, UUID.randomUUID().toString());
    }
}
