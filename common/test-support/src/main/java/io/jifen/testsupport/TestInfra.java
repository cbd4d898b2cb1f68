package io.jifen.testsupport;

import io.jifen.infra.Dist;
import io.jifen.infra.Elasticsearch;
import io.jifen.infra.Keycloak;
import io.jifen.infra.Postgres;
import io.jifen.infra.Proc;
import io.jifen.infra.Redis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real servers for tests. Each is started lazily on a free port the first time a test asks for it, shared by
 * every test in the JVM, and stopped (by PID) when the JVM exits. Nothing is started that no test needs.
 * Servers that refuse root run as an unprivileged user, under a scratch directory that user can read.
 */
public final class TestInfra {

    /** The master realm's bootstrap admin of the test Keycloak (for keycloak-admin-client in tests). */
    public static final String KEYCLOAK_ADMIN = "admin";
    public static final String KEYCLOAK_ADMIN_PASSWORD = "admin-secret";
    /** The role the services' test databases belong to and their migrations run as (not a superuser). */
    public static final String OWNER_ROLE = "jifen_owner";
    public static final String OWNER_PASSWORD = "jifen-owner";

    /** The role the services' data sources log in as: rows only, granted by the owner when it migrates. */
    public static final String APP_ROLE = "jifen_app";
    public static final String APP_PASSWORD = "jifen-app";

    /** The password of the {@code jifen} realm's platform admin ({@link Keycloak#PLATFORM_ADMIN}) in tests. */
    public static final String PLATFORM_ADMIN_PASSWORD = "platform-secret";
    /** Enough for tests (the default of 512 MB is for the local platform). */
    private static final int ELASTICSEARCH_HEAP_MB = 384;

    private static final Path SCRATCH = scratch();
    private static final List<Runnable> STOPS = new ArrayList<>();
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static Postgres postgres;
    private static Redis redis;
    private static Elasticsearch elasticsearch;
    private static Keycloak keycloak;
    private static ServerSocket keycloakPort;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestInfra::stopAll, "test-infra-stop"));
    }

    private TestInfra() {
    }

    /**
     * With this system property {@code true} the shared PostgreSQL runs as the local platform's does (its settings,
     * {@link Postgres#PLATFORM_SETTINGS}, and fsync, synchronous commit and full page writes on): for a benchmark,
     * whose figures would otherwise leave out every commit's disk sync (deploy/bin/bench-earn sets it).
     */
    public static final String DURABLE_POSTGRES = "jifen.test.postgres.durable";

    public static synchronized Postgres postgres() {
        if (postgres == null) {
            // Durability is not under test here; fsync off keeps the suites fast.
            Map<String, String> settings = Boolean.getBoolean(DURABLE_POSTGRES) ? Postgres.PLATFORM_SETTINGS
                    : Map.of("fsync", "off", "synchronous_commit", "off", "full_page_writes", "off",
                            "max_connections", "300");
            postgres = Postgres.start(Dist.sharedCache(), dir("postgres"), Proc.freePort(), log("postgres"), false,
                    settings);
            STOPS.add(postgres::stop);
        }
        return postgres;
    }

    /** A new, empty database on the shared server (owned by the superuser); returns its JDBC URL. */
    public static String newDatabase(String prefix) {
        return newDatabase(prefix, Postgres.SUPERUSER);
    }

    /**
     * A new, empty database owned by {@link #OWNER_ROLE}, for a service that migrates as that role and logs in as
     * {@link #APP_ROLE}, as on the local platform: ordinary roles, which PostgreSQL's row security binds (a superuser
     * would pass every policy). Returns its JDBC URL.
     */
    public static String newAppDatabase(String prefix) {
        postgres().ensureRole(OWNER_ROLE, OWNER_PASSWORD);
        postgres().ensureRole(APP_ROLE, APP_PASSWORD);
        return newDatabase(prefix, OWNER_ROLE);
    }

    private static String newDatabase(String prefix, String owner) {
        String name = (prefix + "_" + DATABASES.incrementAndGet()).toLowerCase().replaceAll("[^a-z0-9_]", "_");
        postgres().ensureDatabase(name, owner);
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

    /** The shared Elasticsearch (single node, no security), started on first use. */
    public static synchronized Elasticsearch elasticsearch() {
        if (elasticsearch == null) {
            elasticsearch = Elasticsearch.start(Dist.sharedCache(), dir("elasticsearch"), Proc.freePort(),
                    log("elasticsearch"), false, ELASTICSEARCH_HEAP_MB);
            STOPS.add(elasticsearch::stop);
        }
        return elasticsearch;
    }

    /**
     * The issuer the shared Keycloak has or will have, <em>without</em> starting it: its port is reserved (held
     * open, outside the ephemeral range so no client socket or {@code server.port=0} can take it) until
     * {@link #keycloak()} starts it there. A resource server resolves its issuer on the first token it checks, and
     * only a test that obtained a token (so started Keycloak) sends one; services whose tests never do pay nothing.
     */
    public static synchronized String keycloakIssuerUri() {
        if (keycloak != null) {
            return keycloak.issuerUri();
        }
        if (keycloakPort == null) {
            keycloakPort = reservePort();
        }
        return "http://127.0.0.1:" + keycloakPort.getLocalPort() + "/realms/" + Keycloak.REALM;
    }

    /**
     * The shared Keycloak with the {@code jifen} realm, on the shared PostgreSQL (database {@code keycloak}),
     * started on first use (at the address {@link #keycloakIssuerUri()} announced, if it was asked first).
     */
    public static synchronized Keycloak keycloak() {
        if (keycloak == null) {
            keycloakIssuerUri();
            Keycloak.Database database = Keycloak.Database.on(postgres(), "keycloak", "keycloak", "keycloak");
            int port = keycloakPort.getLocalPort();
            try {
                keycloakPort.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            keycloak = Keycloak.start(new Keycloak.Options(Dist.sharedCache(), dir("keycloak"), port, Proc.freePort(),
                    database, log("keycloak"), false, KEYCLOAK_ADMIN, KEYCLOAK_ADMIN_PASSWORD, PLATFORM_ADMIN_PASSWORD));
            STOPS.add(keycloak::stop);
        }
        return keycloak;
    }

    /** An access token of the shared Keycloak's {@code jifen} realm (password grant through {@code jifen-cli}). */
    public static String accessToken(String username, String password) {
        return keycloak().passwordGrant(username, password);
    }

    /** A free port below the kernel's ephemeral range, kept bound (so no other test JVM takes it) until closed. */
    private static ServerSocket reservePort() {
        int ephemeralLow = 32768;
        try {
            // readAllLines, not readString: the JDK reads a /proc file of "size 1" as one byte.
            ephemeralLow = Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                    .getFirst().trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            // keep the Linux default
        }
        if (ephemeralLow < 2048) {
            ephemeralLow = 32768;
        }
        int low = Math.min(20000, ephemeralLow / 2);
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(low, ephemeralLow);
            if (!Proc.portFree(port)) {
                continue;
            }
            try {
                ServerSocket socket = new ServerSocket();
                socket.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                return socket;
            } catch (IOException e) {
                // taken meanwhile: try another
            }
        }
        throw new IllegalStateException("No free port below " + ephemeralLow + " for Keycloak");
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
