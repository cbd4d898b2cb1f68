package io.jifen.testsupport;

import io.jifen.infra.Dist;
import io.jifen.infra.Postgres;
import io.jifen.infra.Proc;
import io.jifen.infra.Redis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real servers for tests. Each is started lazily on a free port the first time a test asks for it, shared by
 * every test in the JVM, and stopped (by PID) when the JVM exits. Nothing is started that no test needs.
 * Servers that refuse root run as an unprivileged user, under a scratch directory that user can read.
 */
public final class TestInfra {

    private static final Path SCRATCH = scratch();
    private static final List<Runnable> STOPS = new ArrayList<>();
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static Postgres postgres;
    private static Redis redis;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestInfra::stopAll, "test-infra-stop"));
    }

    private TestInfra() {
    }

    public static synchronized Postgres postgres() {
        if (postgres == null) {
            // Durability is not under test here; fsync off keeps the suites fast.
            postgres = Postgres.start(Dist.sharedCache(), dir("postgres"), Proc.freePort(), log("postgres"), false,
                    Map.of("fsync", "off", "synchronous_commit", "off", "full_page_writes", "off",
                            "max_connections", "300"));
            STOPS.add(postgres::stop);
        }
        return postgres;
    }

    /** A new, empty database on the shared server (owned by the superuser); returns its JDBC URL. */
    public static String newDatabase(String prefix) {
        String name = (prefix + "_" + DATABASES.incrementAndGet()).toLowerCase().replaceAll("[^a-z0-9_]", "_");
        postgres().ensureDatabase(name, Postgres.SUPERUSER);
        return postgres().jdbcUrl(name);
    }

    public static synchronized Redis redis() {
        if (redis == null) {
            redis = newRedis();
        }
        return redis;
    }

    /** A Redis of the caller's own, e.g. to stop and restart it in a fault test. Stopped at JVM exit if still up. */
    public static Redis newRedis() {
        return startRedis(Proc.freePort());
    }

    /** Starts Redis on a given port (e.g. to bring a stopped one back where its clients expect it). */
    public static synchronized Redis startRedis(int port) {
        Redis started = Redis.start(Dist.sharedCache(), dir("redis-" + port), port, log("redis-" + port), false, false);
        STOPS.add(started::stop);
        return started;
    }

    static synchronized void register(Runnable stop) {
        STOPS.add(stop);
    }

    static Path dir(String name) {
        try {
            return Files.createDirectories(SCRATCH.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path log(String name) {
        return SCRATCH.resolve("logs").resolve(name + ".log");
    }

    public static Path scratch(String name) {
        return dir(name);
    }

    private static Path scratch() {
        try {
            Path root = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "jifen-test"));
            Path mine = Files.createTempDirectory(root, "jvm-" + ProcessHandle.current().pid() + "-");
            new ProcessBuilder("chmod", "a+rx", root.toString(), mine.toString()).start().waitFor();
            return mine;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static synchronized void stopAll() {
        for (int i = STOPS.size() - 1; i >= 0; i--) {
            try {
                STOPS.get(i).run();
            } catch (RuntimeException e) {
                System.err.println("test-infra: stop failed: " + e);
            }
        }
        try {
            Dist.deleteTree(SCRATCH);
        } catch (IOException | UncheckedIOException e) {
            System.err.println("test-infra: could not delete " + SCRATCH + ": " + e);
        }
    }
}
