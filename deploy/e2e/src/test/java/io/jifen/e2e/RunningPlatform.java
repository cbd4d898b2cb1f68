package io.jifen.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.jifen.infra.Dist;
import io.jifen.infra.Keycloak;
import io.jifen.infra.Postgres;
import io.jifen.infra.Proc;
import io.jifen.testsupport.TestInfra;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The six services as the launcher runs them (the same jars, the same environment variables), with the test support's
 * real PostgreSQL, Redis, Elasticsearch and Keycloak given as external infrastructure. Started once per test JVM on free
 * ports, stopped by the launcher's {@code down} (by PID) when the JVM exits.
 */
final class RunningPlatform {

    private static final Path REPO = Path.of(System.getProperty("user.dir")).resolve("../..").normalize();
    private static final List<String> SERVICES = List.of("gateway", "tenant", "member", "points", "campaign",
            "analytics");
    private static RunningPlatform instance;

    private final Map<String, String> env;
    private final Path home;

    private RunningPlatform(Map<String, String> env, Path home) {
        this.env = env;
        this.home = home;
    }

    static synchronized RunningPlatform get() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "e2e-platform-stop"));
        }
        return instance;
    }

    String gateway() {
        return service("gateway");
    }

    /** A service's own address, to call it directly (bypassing the gateway). */
    String service(String name) {
        return "http://127.0.0.1:" + env.get("JIFEN_" + name.toUpperCase() + "_PORT");
    }

    Keycloak keycloak() {
        return TestInfra.keycloak();
    }

    /** A service's database (e.g. {@code jifen_points}), as the superuser: to check what a service really stored. */
    Connection database(String name) throws SQLException {
        return TestInfra.postgres().connect(name);
    }

    /** The live process the launcher started for a piece ({@code points-service}), found by its PID file. */
    Optional<ProcessHandle> process(String piece) {
        return Proc.PidFile.read(home.resolve("run/" + piece + ".pid")).flatMap(Proc.PidFile::process);
    }

    Path log(String piece) {
        return home.resolve("logs/" + piece + ".log");
    }

    /** The launcher's {@code up} once more: it starts only what is not running (a service a test stopped). */
    void up() {
        String output = launcher("up");
        assertThat(output).as(output).contains("All healthy");
    }

    private static RunningPlatform start() {
        Postgres postgres = TestInfra.postgres();
        postgres.ensureRole("jifen", "jifen");
        postgres.ensureRole("jifen_app", "jifen_app");
        for (String database : List.of("jifen_tenant", "jifen_member", "jifen_points", "jifen_campaign",
                "jifen_analytics")) {
            postgres.ensureDatabase(database, "jifen");
        }
        Keycloak keycloak = TestInfra.keycloak();
        Map<String, String> env = new HashMap<>();
        env.put("JIFEN_HOME", scratchHome().toString());
        env.put("JIFEN_DIST", Dist.sharedCache().toString());
        env.put("JIFEN_DB_URL", "jdbc:postgresql://127.0.0.1:" + postgres.port());
        // As on the local platform: migrations as the owner (jifen), the services as a role that owns nothing.
        env.put("JIFEN_DB_APP_USER", "jifen_app");
        env.put("JIFEN_DB_APP_PASSWORD", "jifen_app");
        env.put("JIFEN_REDIS_URL", TestInfra.redis().url());
        env.put("JIFEN_ES_URL", TestInfra.elasticsearch().url());
        env.put("JIFEN_ISSUER_URI", keycloak.issuerUri());
        env.put("JIFEN_KEYCLOAK_URL", keycloak.url());
        env.put("JIFEN_KEYCLOAK_ADMIN_USER", TestInfra.KEYCLOAK_ADMIN);
        env.put("JIFEN_KEYCLOAK_ADMIN_PASSWORD", TestInfra.KEYCLOAK_ADMIN_PASSWORD);
        for (String service : SERVICES) {
            env.put("JIFEN_" + service.toUpperCase() + "_PORT", Integer.toString(Proc.freePort()));
        }
        // The suites sign up many tenants from one address; the per-IP signup limit (5 a minute) is tested in the gateway.
        env.put("JIFEN_GATEWAY_RATELIMIT_ANONYMOUS_RPS", "100");
        env.put("JIFEN_GATEWAY_RATELIMIT_ANONYMOUS_BURST", "100");
        // No background training of start-up caches (launcher's PlatformIT tests it): it would take CPU from the
        // suites' timed waits and from the earn benchmark's figures.
        env.put("JIFEN_AOT", "off");
        RunningPlatform platform = new RunningPlatform(env, Path.of(env.get("JIFEN_HOME")));
        String output = platform.launcher("up");
        assertThat(output).as(output).contains("All healthy");
        return platform;
    }

    private void stop() {
        launcher("down");
        try {
            Dist.deleteTree(home);
        } catch (IOException e) {
            System.err.println("e2e: could not delete " + home + ": " + e);
        }
    }

    private String launcher(String command) {
        Path jar = REPO.resolve("deploy/launcher/target/jifen-launcher.jar");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dmaven.repo.local=" + System.getProperty("maven.repo.local", ""), "-Djifen.repo=" + REPO,
                "-jar", jar.toString(), command).redirectErrorStream(true);
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("jifen " + command + " failed:\n" + output + logs());
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String logs() {
        StringBuilder tails = new StringBuilder();
        for (String service : SERVICES) {
            String name = service.equals("gateway") ? service : service + "-service";
            tails.append("\n--- ").append(name).append(" ---\n").append(Proc.tail(home.resolve("logs/" + name + ".log"), 40));
        }
        return tails.toString();
    }

    private static Path scratchHome() {
        try {
            Path home = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "jifen-e2e-");
            home.toFile().setExecutable(true, false);
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
