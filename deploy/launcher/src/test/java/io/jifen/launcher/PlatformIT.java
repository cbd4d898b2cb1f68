package io.jifen.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.jifen.infra.Dist;
import io.jifen.infra.Proc;
import io.jifen.infra.Redis;
import io.jifen.testsupport.TestInfra;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole local platform, as {@code ./jifen} runs it: the launcher jar started as a process, on free ports, with its
 * home in a scratch directory, bringing up the real PostgreSQL, Redis, Elasticsearch, Keycloak and the six service
 * jars built earlier in this reactor. Redis is given from outside (JIFEN_REDIS_URL), as a production deployment gives
 * its managed services, so the launcher must leave it alone. The steps build on each other, hence the order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformIT {

    private static final Path REPO = Path.of(System.getProperty("user.dir")).resolve("../..").normalize();
    private static final String ADMIN_PASSWORD = "Platform-Admin-Pass-1";
    private static Path home;
    private static Map<String, String> env;
    private static Redis externalRedis;

    @BeforeAll
    static void freePortsAndAScratchHome() throws IOException {
        home = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "jifen-platform-it-");
        home.toFile().setExecutable(true, false); // the unprivileged server user must reach its data below
        env = new HashMap<>();
        env.put("JIFEN_HOME", home.toString());
        env.put("JIFEN_DIST", Dist.sharedCache().toString()); // unpacked once per machine, shared with the test support
        env.put("JIFEN_CACHE", home.resolve("machine-cache").toString()); // the services' forms: trained from scratch
        env.put("JIFEN_ADMIN_PASSWORD", ADMIN_PASSWORD);
        for (Piece piece : Piece.ALL) {
            env.put(piece.portEnv(), Integer.toString(Proc.freePort()));
        }
        env.put("JIFEN_KEYCLOAK_MANAGEMENT_PORT", Integer.toString(Proc.freePort()));
        externalRedis = TestInfra.newRedis();
        env.put("JIFEN_REDIS_URL", externalRedis.url());
    }

    @AfterAll
    static void stopWhateverIsLeft() throws Exception {
        launcher("down");
        Dist.deleteTree(home);
    }

    @Test
    @Order(1)
    void shouldRefuseToStartWhenAPortIsTakenNamingThePort() throws Exception {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Map<String, String> taken = new HashMap<>(env);
            taken.put("JIFEN_ES_PORT", Integer.toString(squatter.getLocalPort()));
            Result up = launcher(taken, "up");
            assertThat(up.exitCode()).isEqualTo(1);
            assertThat(up.output()).contains("Port " + squatter.getLocalPort() + " (Elasticsearch) is already in use");
        }
        assertThat(runningPids()).as("nothing was started").isEmpty();
    }

    @Test
    @Order(2)
    void shouldBringEverythingUpHealthyAndPrintWhereItIs() throws Exception {
        Result up = launcher("up");

        assertThat(up.exitCode()).as(up.output()).isZero();
        assertThat(up.output()).contains("All healthy", "Swagger UI", ADMIN_PASSWORD,
                "Training the start-up caches of " + Piece.SERVICES.size() + " services in the background");
        assertThat(runningPids()).as("everything but the external Redis").hasSize(Piece.ALL.size() - 1);
        assertThat(Proc.PidFile.read(home.resolve("run/redis.pid"))).isEmpty();
        assertThat(http("http://127.0.0.1:" + env.get("JIFEN_GATEWAY_PORT") + "/actuator/health").body())
                .contains("\"redis\":{\"status\":\"UP\"");
        Result status = launcher("status");
        assertThat(status.exitCode()).isZero();
        assertThat(status.output()).containsPattern("redis +external +- +- +" + env.get("JIFEN_REDIS_URL"));
    }

    @Test
    @Order(3)
    void shouldDoNothingHarmfulOnASecondUp() throws Exception {
        List<Long> before = runningPids();

        Result again = launcher("up");

        assertThat(again.exitCode()).isZero();
        assertThat(again.output()).contains("already running");
        assertThat(runningPids()).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    @Order(4)
    void shouldRunServicesUnpackedAndTrainTheirStartUpCachesInTheBackground() throws Exception {
        for (Piece service : Piece.SERVICES) {
            assertThat(arguments(service)).as(service.name()).contains("-jar")
                    .anyMatch(argument -> argument.startsWith(apps(service).resolve("app").toString()))
                    .noneMatch(argument -> argument.startsWith("-XX:AOTCache"));
        }
        Instant deadline = Instant.now().plus(Duration.ofMinutes(15));
        while (Proc.PidFile.read(home.resolve("run/aot-training.pid")).flatMap(Proc.PidFile::process).isPresent()) {
            assertThat(Instant.now()).as("training still running; " + home.resolve("logs/aot-training.log"))
                    .isBefore(deadline);
            LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
        }
        String log = Files.readString(home.resolve("logs/aot-training.log"));
        for (Piece service : Piece.SERVICES) {
            assertThat(apps(service).resolve("app.aot")).as(log).isRegularFile();
        }
        assertThat(log).contains("Training done.");
    }

    @Test
    @Order(5)
    void shouldStopExactlyWhatItStartedAndKeepTheDataForTheNextUp() throws Exception {
        try (Connection points = pointsDatabase()) {
            points.createStatement().execute("CREATE TABLE kept (v int); INSERT INTO kept VALUES (42)");
        }
        List<Long> started = runningPids();

        Result down = launcher("down");

        assertThat(down.exitCode()).isZero();
        for (long pid : started) {
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("pid " + pid).isEmpty();
        }
        for (Piece piece : Piece.ALL) {
            if (piece != Piece.REDIS) {
                assertThat(Proc.portOpen(Integer.parseInt(env.get(piece.portEnv())))).as(piece.name()).isFalse();
            }
        }
        assertThat(externalRedis.isReady()).as("the external Redis is not ours to stop").isTrue();

        Result up = launcher("up");
        assertThat(up.exitCode()).as(up.output()).isZero();
        assertThat(up.output()).as("all trained").doesNotContain("Training the start-up caches");
        for (Piece service : Piece.SERVICES) {
            String cache = apps(service).resolve("app.aot").toString();
            assertThat(arguments(service)).contains("-XX:AOTCache=" + cache);
            long pid = Proc.PidFile.read(home.resolve("run/" + service.name() + ".pid")).orElseThrow().pid();
            assertThat(Files.readString(Path.of("/proc/" + pid + "/maps"))).as("%s mapped its cache", service.name())
                    .contains(cache);
        }
        try (Connection points = pointsDatabase();
             ResultSet row = points.createStatement().executeQuery("SELECT v FROM kept")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getInt(1)).isEqualTo(42);
        }
        assertThat(passwordGrant().statusCode()).as("the realm and its admin survived the restart").isEqualTo(200);
    }

    private static Connection pointsDatabase() throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + env.get("JIFEN_PG_PORT") + "/jifen_points",
                "jifen", "jifen");
    }

    private static HttpResponse<String> passwordGrant() throws Exception {
        String form = "grant_type=password&client_id=jifen-cli&username=admin&password=" + ADMIN_PASSWORD;
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                + env.get("JIFEN_KEYCLOAK_PORT") + "/realms/jifen/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> http(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The service's one unpacked form in the scratch machine cache. */
    private static Path apps(Piece service) {
        try (java.util.stream.Stream<Path> forms = Files.list(home.resolve("machine-cache/apps"))) {
            List<Path> found = forms.filter(Files::isDirectory)
                    .filter(dir -> dir.getFileName().toString().matches(service.name() + "-[0-9a-f]{16}")).toList();
            assertThat(found).as(service.name()).hasSize(1);
            return found.getFirst();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> arguments(Piece service) {
        return Proc.PidFile.read(home.resolve("run/" + service.name() + ".pid")).flatMap(Proc.PidFile::process)
                .flatMap(process -> process.info().arguments()).map(List::of).orElseThrow();
    }

    private static List<Long> runningPids() {
        List<Long> pids = new ArrayList<>();
        for (Piece piece : Piece.ALL) {
            Proc.PidFile.read(home.resolve("run").resolve(piece.name() + ".pid"))
                    .flatMap(Proc.PidFile::process)
                    .ifPresent(process -> pids.add(process.pid()));
        }
        return pids;
    }

    private record Result(int exitCode, String output) {
    }

    private static Result launcher(String command) throws Exception {
        return launcher(env, command);
    }

    private static Result launcher(Map<String, String> environment, String command) throws Exception {
        Path jar = REPO.resolve("deploy/launcher/target/jifen-launcher.jar");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dmaven.repo.local=" + System.getProperty("maven.repo.local", ""), "-Djifen.repo=" + REPO,
                "-jar", jar.toString(), command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
        System.out.println("jifen " + command + ":\n" + output);
        return new Result(process.exitValue(), output);
    }
}
