package io.jifen.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.jifen.testsupport.TestHttp;
import io.jifen.testsupport.TestInfra;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The earn benchmark of QUALITY.md, on the whole platform as the launcher runs it (RunningPlatform): earns through the
 * gateway with 64 clients against the raw SQL earn rate measured on the same PostgreSQL in the same run (on 64
 * connections, and on one as QUALITY.md's reference figure), earn latency at half the measured rate, bulk earn in
 * batches of 500 ({@code POST /api/v1/purchases/batch}; once over the same members, once with each client over its
 * own), and balance reads. Not a test: it reports figures (stdout and {@code target/benchmark-earn.md}) and asserts
 * only that the work succeeded. Run it with
 * {@code deploy/bin/bench-earn}; the numbers mean something only on an otherwise idle machine. Load goes to 127.0.0.1
 * only, bounded in time.
 */
class EarnBenchmark {

    private static final List<String> SERVICES = List.of("gateway", "points-service", "member-service",
            "tenant-service", "campaign-service", "analytics-service");
    private static final int CLIENTS = Integer.getInteger("bench.clients", 64);
    private static final int MEMBERS = Integer.getInteger("bench.members", 500);
    // Steady state, not start-up: six JVMs on two cores spend minutes of CPU in their JIT compilers (jstat: ~240 s in
    // the gateway and in points-service alone), and until they are done an earn costs twice the CPU it costs after.
    // The first figure warms the whole earn path; the later ones reuse most of it.
    private static final Duration FIRST_WARM_UP = Duration.ofSeconds(Long.getLong("bench.first-warmup-seconds", 150));
    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.warmup-seconds", 60));
    private static final Duration LATENCY_WARM_UP = Duration.ofSeconds(Long.getLong("bench.latency-warmup-seconds", 20));
    // The second bulk figure runs the code the first one warmed.
    private static final Duration SECOND_BULK_WARM_UP = Duration.ofSeconds(20);
    private static final int BATCH_CLIENTS = Integer.getInteger("bench.batch-clients", 4);
    private static final int BATCH_SIZE = 500;
    private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.seconds", 20));

    // For the metrics only; the load goes through BareHttp, which costs the benchmark's process far less per request.
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    // Where a figure's time went: CPU per request of every process, read around each measured window.
    private final CpuMeter cpu = new CpuMeter();
    private final List<String> report = new ArrayList<>();
    // Refreshed before each figure: a run outlives an access token.
    private volatile Merchants.Tenant shop;
    private RunningPlatform platform;
    private BareHttp load;

    @Test
    void measure() throws Exception {
        platform = RunningPlatform.get();
        load = new BareHttp(platform.gateway());
        for (String piece : SERVICES) {
            cpu.add(piece, () -> platform.process(piece));
        }
        cpu.add("postgres", () -> Optional.of(TestInfra.postgres().process()))
                .add("redis", () -> Optional.of(TestInfra.redis().process()))
                .add("elasticsearch", () -> Optional.of(TestInfra.elasticsearch().process()))
                .addAlone("load generator", ProcessHandle.current())
                .split("postgres", CpuMeter::postgresPart);
        shop = Merchants.signUp(platform);
        TestHttp gateway = new TestHttp(platform.gateway());
        String admin = TestInfra.accessToken("admin", TestInfra.PLATFORM_ADMIN_PASSWORD);
        // The free plan's 20 requests a second would measure the rate limiter, not the platform.
        TestHttp.Response plan = gateway.put("/api/v1/admin/tenants/" + shop.id() + "/plan", admin,
                Map.of("plan", "enterprise"));
        assertThat(plan.status()).as(plan.body()).isEqualTo(200);
        List<String> members = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            TestHttp.Response member = gateway.post("/api/v1/members", shop.token(), Map.of("name", "Bench " + i));
            assertThat(member.status()).as(member.body()).isEqualTo(201);
            members.add(member.json().get("id").asString());
        }
        report.add("| what | result |");
        report.add("|---|---|");

        double speedBefore = MachineSpeed.sha256MibPerSecond();
        double memoryBefore = MachineSpeed.memoryReadNanos();
        row("PostgreSQL's commits", durability());
        double sqlRate = rawSqlEarns(CLIENTS, WARM_UP);
        row("raw SQL earn (insert entry + upsert balance, autocommit), " + CLIENTS + " connections",
                "%.0f earns/s".formatted(sqlRate));
        // QUALITY.md's own reference (about 5,100 one-statement earns a second on this machine kind) is what one
        // connection does, a commit's disk sync after the other; 64 connections share their syncs (group commit).
        double sqlRateOneConnection = rawSqlEarns(1, Duration.ofSeconds(10));
        row("raw SQL earn (insert entry + upsert balance, autocommit), 1 connection",
                "%.0f earns/s".formatted(sqlRateOneConnection));

        shop = shop.refreshed();
        Load earn = closedLoop(CLIENTS, FIRST_WARM_UP, () -> purchase(platform, shop, members));
        row("earn through the gateway (purchase: JWT, tenant, rules, ledger, outbox), " + CLIENTS + " clients",
                "%.0f earns/s (%.2f × raw SQL on %d connections, %.2f × on 1), %s".formatted(earn.rate(),
                        earn.rate() / sqlRate, CLIENTS, earn.rate() / sqlRateOneConnection, earn.errors()));
        row("CPU per earn, by process", earn.cpuPer(1));
        row("PostgreSQL's CPU per earn, by database or task", earn.cpuPerPart(1));
        row("purchases per transaction in the earn figure", earn.groups());
        row("resident memory of the six services after the earn figure", cpu.residentMemory(SERVICES));
        assertThat(earn.ok).as("earns succeeded").isPositive();

        double half = earn.rate() / 2;
        awaitQuiet(platform, "earn");
        shop = shop.refreshed();
        Load paced = openLoop(half, LATENCY_WARM_UP, () -> purchase(platform, shop, members));
        row("earn latency at half that load (%.0f earns/s offered)".formatted(half),
                "p50 %.1f ms, p99 %.1f ms, %s".formatted(paced.percentile(50), paced.percentile(99),
                        paced.errors()));
        row("purchases per transaction in the latency figure", paced.groups());

        awaitQuiet(platform, "latency");
        shop = shop.refreshed();
        Load bulk = closedLoop(BATCH_CLIENTS, () -> purchaseBatch(platform, shop, members));
        row("bulk earn through the gateway (batches of " + BATCH_SIZE + "), " + BATCH_CLIENTS + " clients",
                "%.0f earns/s (%.1f batches/s), %s".formatted(bulk.rate() * BATCH_SIZE, bulk.rate(),
                        bulk.errors()));
        row("CPU per bulk earn, by process", bulk.cpuPer(BATCH_SIZE));
        row("PostgreSQL's CPU per bulk earn, by database or task", bulk.cpuPerPart(BATCH_SIZE));

        // Not a QUALITY.md figure: the same batches, each client's over its own quarter of the members, as four
        // stores' files would be. Above, every batch names most of the 500 members, so concurrent batches take turns
        // at the members' account locks; this one shows what bulk earning does when they do not.
        awaitQuiet(platform, "bulk earn");
        shop = shop.refreshed();
        List<List<String>> quarters = partition(members, BATCH_CLIENTS);
        AtomicInteger nextQuarter = new AtomicInteger();
        ThreadLocal<List<String>> quarter = ThreadLocal.withInitial(() -> quarters.get(
                nextQuarter.getAndIncrement() % quarters.size()));
        Load apart = closedLoop(BATCH_CLIENTS, SECOND_BULK_WARM_UP, () -> purchaseBatch(platform, shop,
                quarter.get()));
        row("bulk earn, each client over its own quarter of the members (no account lock shared), " + BATCH_CLIENTS
                + " clients", "%.0f earns/s (%.1f batches/s), %s".formatted(apart.rate() * BATCH_SIZE, apart.rate(),
                        apart.errors()));
        row("CPU per bulk earn over separate members, by process", apart.cpuPer(BATCH_SIZE));

        awaitQuiet(platform, "bulk earn over separate members");
        shop = shop.refreshed();
        Load reads = closedLoop(CLIENTS, () -> load.send("GET", "/api/v1/members/"
                + members.get(ThreadLocalRandom.current().nextInt(members.size())) + "/points",
                Map.of("Authorization", "Bearer " + shop.token()), null));
        row("balance read through the gateway, " + CLIENTS + " clients",
                "%.0f req/s, p50 %.1f ms, p99 %.1f ms, %s".formatted(reads.rate(), reads.percentile(50),
                        reads.percentile(99), reads.errors()));
        row("CPU per balance read, by process", reads.cpuPer(1));

        row("one core's speed, before the figures / after them: SHA-256 (best of five 32 MiB runs); a dependent "
                + "read at a random place of 256 MiB (best of three runs of 4 million)",
                "%.0f / %.0f MiB/s; %.1f / %.1f ns".formatted(speedBefore, MachineSpeed.sha256MibPerSecond(),
                        memoryBefore, MachineSpeed.memoryReadNanos()));

        String table = String.join("\n", report);
        System.out.println("\n" + table + "\n");
        Path out = Path.of("target", "benchmark-earn.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table + "\n");
    }

    @AfterEach
    void closeConnections() {
        if (load != null) {
            load.close();
        }
    }

    /**
     * Waits for the consumers to finish the previous figure's events (bulk earn leaves minutes of them), so the next
     * figure does not share the CPU with them; reports how long they took after the load stopped.
     */
    private void awaitQuiet(RunningPlatform platform, String previous) throws Exception {
        Duration max = Duration.ofMinutes(15);
        Duration drained = EventBacklog.awaitDrained(platform, max);
        row("events of the " + previous + " figure all consumed", drained.compareTo(max) >= 0
                ? "not within " + max.toMinutes() + " min of its load ending"
                : "%.1f s after its load ended".formatted(drained.toMillis() / 1000.0));
    }

    /**
     * points-service's {@code jifen.points.purchases.group.size} summary from its Prometheus endpoint: transactions
     * of {@code POST /api/v1/purchases} so far and the purchases they recorded ({0, 0} when it cannot be read).
     */
    private double[] purchaseGroups() {
        try {
            String metrics = http.send(HttpRequest.newBuilder(URI.create(platform.service("points")
                    + "/actuator/prometheus")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return new double[] {metric(metrics, "jifen_points_purchases_group_size_count"),
                metric(metrics, "jifen_points_purchases_group_size_sum")};
        } catch (IOException e) {
            return new double[] {0, 0};
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new double[] {0, 0};
        }
    }

    private static double metric(String metrics, String name) {
        return metrics.lines().filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private void row(String what, String result) {
        report.add("| " + what + " | " + result + " |");
        System.out.println("bench: " + what + ": " + result);
    }

    private int purchase(RunningPlatform platform, Merchants.Tenant shop, List<String> members) {
        String orderId = UUID.randomUUID().toString();
        String body = "{\"memberId\":\"" + members.get(ThreadLocalRandom.current().nextInt(members.size()))
                + "\",\"orderId\":\"" + orderId + "\",\"amount\":" + (1 + ThreadLocalRandom.current().nextInt(500))
                + ".50,\"currency\":\"CNY\"}";
        return load.send("POST", "/api/v1/purchases", Map.of("Authorization", "Bearer " + shop.token(),
                "Content-Type", "application/json", "Idempotency-Key", orderId), body);
    }

    /** {@value #BATCH_SIZE} purchases of random members in one call (a POS end-of-day file). */
    private int purchaseBatch(RunningPlatform platform, Merchants.Tenant shop, List<String> members) {
        StringBuilder body = new StringBuilder("{\"purchases\":[");
        for (int i = 0; i < BATCH_SIZE; i++) {
            body.append(i == 0 ? "" : ",").append("{\"memberId\":\"")
                    .append(members.get(ThreadLocalRandom.current().nextInt(members.size())))
                    .append("\",\"orderId\":\"").append(UUID.randomUUID()).append("\",\"amount\":")
                    .append(1 + ThreadLocalRandom.current().nextInt(500)).append(".50,\"currency\":\"CNY\"}");
        }
        return load.send("POST", "/api/v1/purchases/batch", Map.of("Authorization", "Bearer " + shop.token(),
                "Content-Type", "application/json", "Idempotency-Key", UUID.randomUUID().toString()),
                body.append("]}").toString());
    }

    /** {@code parts} consecutive slices of {@code members}, as equal as they divide. */
    private static List<List<String>> partition(List<String> members, int parts) {
        List<List<String>> slices = new ArrayList<>();
        for (int part = 0; part < parts; part++) {
            slices.add(members.subList(part * members.size() / parts, (part + 1) * members.size() / parts));
        }
        return slices;
    }

    /**
     * Whether PostgreSQL syncs each commit to disk, as QUALITY.md's reference figures and the local platform do
     * ({@code deploy/bin/bench-earn} asks the test support for such a server); every figure depends on it.
     */
    private static String durability() throws Exception {
        try (Connection db = DriverManager.getConnection(TestInfra.postgres().jdbcUrl("jifen_points"), "jifen",
                "jifen"); Statement statement = db.createStatement(); var row = statement.executeQuery(
                "select current_setting('fsync'), current_setting('synchronous_commit'),"
                        + " current_setting('full_page_writes')")) {
            row.next();
            return "fsync %s, synchronous_commit %s, full_page_writes %s".formatted(row.getString(1), row.getString(2),
                    row.getString(3));
        }
    }

    /**
     * The reference: the cheapest earn SQL can do on this database, one statement per earn, on {@code clients}
     * connections (as many as the earn figure's clients, or one, as QUALITY.md's reference figure).
     */
    private double rawSqlEarns(int clients, Duration warmUp) throws Exception {
        String url = TestInfra.postgres().jdbcUrl("jifen_points");
        try (Connection setup = DriverManager.getConnection(url, "jifen", "jifen"); Statement statement =
                setup.createStatement()) {
            statement.execute("drop table if exists bench_entry, bench_balance");
            statement.execute("create table bench_entry (id uuid primary key, member int not null, points bigint not null,"
                    + " created_at timestamptz not null default now())");
            statement.execute("create table bench_balance (member int primary key, balance bigint not null)");
        }
        String earn = """
                with entry as (insert into bench_entry (id, member, points) values (?, ?, ?))
                insert into bench_balance (member, balance) values (?, ?)
                on conflict (member) do update set balance = bench_balance.balance + excluded.balance""";
        List<Connection> connections = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                connections.add(DriverManager.getConnection(url, "jifen", "jifen"));
            }
            ThreadLocal<PreparedStatement> statements = new ThreadLocal<>();
            AtomicLong next = new AtomicLong();
            Load load = closedLoop(clients, warmUp, () -> {
                try {
                    PreparedStatement statement = statements.get();
                    if (statement == null) {
                        statement = connections.get((int) (next.getAndIncrement() % clients)).prepareStatement(earn);
                        statements.set(statement);
                    }
                    int member = ThreadLocalRandom.current().nextInt(MEMBERS);
                    statement.setObject(1, UUID.randomUUID());
                    statement.setInt(2, member);
                    statement.setLong(3, 10);
                    statement.setInt(4, member);
                    statement.setLong(5, 10);
                    statement.executeUpdate();
                    return 201;
                } catch (SQLException e) {
                    return -1;
                }
            });
            return load.rate();
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
            try (Connection cleanup = DriverManager.getConnection(url, "jifen", "jifen"); Statement statement =
                    cleanup.createStatement()) {
                statement.execute("drop table if exists bench_entry, bench_balance");
            }
        }
    }

    interface Call {
        int call() throws Exception;
    }

    /** {@code clients} threads calling back to back: warm-up first, then the measured window. */
    private Load closedLoop(int clients, Call call) throws Exception {
        return closedLoop(clients, WARM_UP, call);
    }

    private Load closedLoop(int clients, Duration warmUp, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            run(pool, clients, call, System.nanoTime() + warmUp.toNanos(), null);
            Load load = new Load(cpu, this::purchaseGroups);
            run(pool, clients, call, System.nanoTime() + MEASURE.toNanos(), load);
            load.measured(cpu);
            return load;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Requests started on a fixed schedule at {@code rate} per second, whatever the answers' latency: first for
     * {@code warmUp} unmeasured (the clients' new connections to the gateway and the gateway's to the services open
     * then, as in the closed-loop figures' warm-up), then for the measured window on the same connections.
     */
    private Load openLoop(double rate, Duration warmUp, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            runOpen(pool, rate, System.nanoTime() + warmUp.toNanos(), null, call);
            Load load = new Load(cpu, this::purchaseGroups);
            runOpen(pool, rate, System.nanoTime() + MEASURE.toNanos(), load, call);
            load.measured(cpu);
            return load;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void runOpen(ExecutorService pool, double rate, long end, Load load, Call call) throws Exception {
        int clients = CLIENTS;
        long interval = (long) (1e9 * clients / rate);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            long offset = interval * c / clients;
            running.add(pool.submit(() -> {
                long next = System.nanoTime() + offset;
                while (next < end) {
                    LockSupport.parkNanos(next - System.nanoTime());
                    if (load == null) {
                        call.call();
                    } else {
                        load.record(call, next);
                    }
                    next += interval;
                }
                return null;
            }));
        }
        for (Future<?> future : running) {
            future.get();
        }
    }

    private static void run(ExecutorService pool, int clients, Call call, long end, Load load) throws Exception {
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            running.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    if (load == null) {
                        call.call();
                    } else {
                        load.record(call, System.nanoTime());
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : running) {
            future.get();
        }
    }

    /** What a measured window did: successes, errors, and each success's latency from its intended start. */
    private static final class Load {
        private final long start = System.nanoTime();
        private final Map<String, Duration> cpuBefore;
        private Map<String, Duration> cpuAfter;
        private final Map<Long, CpuMeter.Use> partsBefore;
        private Map<Long, CpuMeter.Use> partsAfter;
        private volatile long end;
        private long ok;
        private long errors;
        // Failed calls by status (-1: no answer), so a figure says what its errors were (a 429 is the plan's limit).
        private final Map<Integer, Long> errorStatuses = new TreeMap<>();
        private long[] latencies = new long[1 << 16];

        private final Supplier<double[]> groupCounter;
        private final double[] groupsBefore;
        private double[] groupsAfter;

        Load(CpuMeter meter, Supplier<double[]> groupCounter) {
            cpuBefore = meter.read();
            partsBefore = meter.readParts();
            this.groupCounter = groupCounter;
            groupsBefore = groupCounter.get();
        }

        void measured(CpuMeter meter) {
            cpuAfter = meter.read();
            partsAfter = meter.readParts();
            groupsAfter = groupCounter.get();
        }

        /** points-service's purchase transactions in the window and the purchases they recorded (ADR 0014). */
        String groups() {
            double transactions = groupsAfter[0] - groupsBefore[0];
            double purchases = groupsAfter[1] - groupsBefore[1];
            return transactions <= 0 ? "not measured" : "%.1f on average (%.0f purchases in %.0f transactions)"
                    .formatted(purchases / transactions, purchases, transactions);
        }

        /** CPU per unit of work ({@code perCall} units per successful call), by process. */
        synchronized String cpuPer(int perCall) {
            return cpuAfter == null ? "not measured" : CpuMeter.perRequest(cpuBefore, cpuAfter, ok * perCall);
        }

        /** {@link #cpuPer} of the split processes (PostgreSQL's), by part. */
        synchronized String cpuPerPart(int perCall) {
            return partsAfter == null ? "not measured"
                    : CpuMeter.perRequestByPart(partsBefore, partsAfter, ok * perCall);
        }

        void record(Call call, long intendedStart) throws Exception {
            int status = call.call();
            long latency = System.nanoTime() - intendedStart;
            synchronized (this) {
                end = System.nanoTime();
                if (status >= 200 && status < 300) {
                    if (ok == latencies.length) {
                        latencies = Arrays.copyOf(latencies, latencies.length * 2);
                    }
                    latencies[(int) ok++] = latency;
                } else {
                    errors++;
                    errorStatuses.merge(status, 1L, Long::sum);
                }
            }
        }

        /** "0 errors", or how many and of which statuses: "120 errors (429: 118, -1: 2)". */
        synchronized String errors() {
            return errors == 0 ? "0 errors" : "%d errors (%s)".formatted(errors, errorStatuses.entrySet().stream()
                    .map(status -> status.getKey() + ": " + status.getValue()).collect(Collectors.joining(", ")));
        }

        synchronized double rate() {
            return ok / ((end - start) / 1e9);
        }

        synchronized double percentile(int p) {
            if (ok == 0) {
                return Double.NaN;
            }
            long[] sorted = Arrays.copyOf(latencies, (int) ok);
            Arrays.sort(sorted);
            return sorted[(int) Math.min(ok - 1, Math.ceil(p / 100.0 * ok) - 1)] / 1e6;
        }
    }
}
