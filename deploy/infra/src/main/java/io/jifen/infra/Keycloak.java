package io.jifen.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Keycloak from {@code keycloak-quarkus-dist} on Maven Central, storing everything in PostgreSQL and
 * importing the {@value #REALM} realm ({@code jifen-realm.json}) at start; a realm that already exists is left as it
 * is, so tenants' users and clients survive restarts.
 *
 * <p>The distribution is unpacked and <em>built</em> ({@code kc.sh build} with {@link #BUILD_OPTIONS}) once into the
 * shared cache, then started with {@code start --optimized}. Because Keycloak writes below its home directory
 * ({@code data/}: import directory, transaction logs, temporary files), every server gets a home of its own in
 * {@code dataDir/home}: a copy of {@code bin/kc.sh} and {@code conf/}, links to the shared {@code lib/},
 * {@code providers/} and {@code themes/}, and its own {@code data/}.
 *
 * <p>It binds 127.0.0.1 only and has one fixed hostname ({@code http://127.0.0.1:<port>}), so the {@code iss} of
 * every token is {@link #issuerUri()} whoever asks for it. Secrets (database password, bootstrap admin, the platform
 * admin's first password) travel in the environment, never on the command line.
 */
public final class Keycloak {

    public static final String REALM = "jifen";
    /** The public client for the resource-owner password grant (scripts, the launcher, tests). */
    public static final String CLI_CLIENT = "jifen-cli";
    /** The platform admin the realm import creates, with the password given at first start. */
    public static final String PLATFORM_ADMIN = "admin";
    /** Environment variable the realm file's {@code ${...}} placeholder reads the platform admin's password from. */
    public static final String PLATFORM_ADMIN_PASSWORD_ENV = "JIFEN_PLATFORM_ADMIN_PASSWORD";

    /** Build-time options baked into the cached distribution; the cache directory's name is derived from them. */
    public static final List<String> BUILD_OPTIONS = List.of("--db=postgres", "--health-enabled=true",
            "--metrics-enabled=true");

    /**
     * JDK 24+ closes {@code java.lang} to jboss-threads' thread-local reset (without it every worker thread dies with
     * IllegalAccessError at exit); the second option silences netty's sun.misc.Unsafe warnings on JDK 25.
     */
    private static final String JAVA_OPTS_APPEND =
            "--add-opens=java.base/java.lang=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern UP = Pattern.compile("\"status\"\\s*:\\s*\"UP\"");

    /** Where Keycloak keeps its data: a JDBC URL of a PostgreSQL database and the role it connects as. */
    public record Database(String jdbcUrl, String username, String password) {

        public Database {
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        /** Creates the role and the database on our own PostgreSQL unless they exist. */
        public static Database on(Postgres postgres, String database, String role, String password) {
            postgres.ensureRole(role, password);
            postgres.ensureDatabase(database, role);
            return new Database(postgres.jdbcUrl(database), role, password);
        }
    }

    /**
     * How to start Keycloak. {@code adminUser}/{@code adminPassword} bootstrap the master realm's admin (used only
     * when the master realm is created); {@code platformAdminPassword} is the first password of the {@code jifen}
     * realm's {@value #PLATFORM_ADMIN} (used only when the realm is imported, i.e. on the first start).
     */
    public record Options(Path cache, Path dataDir, int port, int managementPort, Database database, Path log,
                          boolean detached, String adminUser, String adminPassword, String platformAdminPassword) {

        public Options {
            Objects.requireNonNull(cache, "cache");
            Objects.requireNonNull(dataDir, "dataDir");
            Objects.requireNonNull(database, "database");
            Objects.requireNonNull(log, "log");
            requireText(adminUser, "adminUser");
            requireText(adminPassword, "adminPassword");
            requireText(platformAdminPassword, "platformAdminPassword");
            // The import substitutes the placeholder into the JSON text as it is: keep it valid JSON.
            if (platformAdminPassword.chars().anyMatch(c -> c == '"' || c == '\\' || c < 0x20)) {
                throw new IllegalArgumentException("The platform admin password must not contain '\"', '\\' or control"
                        + " characters (it is substituted into the realm JSON)");
            }
        }

        /** The management interface (health, metrics) on {@code port + 100}. */
        public Options(Path cache, Path dataDir, int port, Database database, Path log, boolean detached,
                       String adminUser, String adminPassword, String platformAdminPassword) {
            this(cache, dataDir, port, port + 100, database, log, detached, adminUser, adminPassword,
                    platformAdminPassword);
        }

        private static void requireText(String value, String name) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + " is required");
            }
        }
    }

    private final int port;
    private final int managementPort;
    private final ProcessHandle process;

    private Keycloak(int port, int managementPort, ProcessHandle process) {
        this.port = port;
        this.managementPort = managementPort;
        this.process = process;
    }

    /** The distribution, unpacked and built with {@link #BUILD_OPTIONS} (once per cache, under the cache's lock). */
    public static Path distribution(Path cache) {
        String version = Artifacts.version("keycloak");
        Path zip = Artifacts.file("org.keycloak", "keycloak-quarkus-dist", version, "zip");
        String name = "keycloak-" + version + "-" + Integer.toHexString(String.join(" ", BUILD_OPTIONS).hashCode());
        return Dist.unpacked(cache, name, target -> {
            Dist.unzipStripped(zip, target);
            List<String> build = new ArrayList<>(List.of("env", "JAVA_HOME=" + javaHome(),
                    "JAVA_OPTS_APPEND=" + JAVA_OPTS_APPEND, target.resolve("bin/kc.sh").toString(), "build"));
            build.addAll(BUILD_OPTIONS);
            Dist.run(build.toArray(String[]::new));
        });
    }

    public static Keycloak start(Options options) {
        Path dist = distribution(options.cache());
        Path home = home(dist, options.dataDir());
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start", "--optimized",
                "--http-enabled=true",
                "--http-host=127.0.0.1",
                "--http-port=" + options.port(),
                "--http-management-port=" + options.managementPort(),
                "--hostname=http://127.0.0.1:" + options.port(),
                "--hostname-strict=true",
                "--db-url=" + options.database().jdbcUrl(),
                "--db-username=" + options.database().username(),
                "--db-pool-max-size=25",
                // One node: no JGroups cluster (which would find any other Keycloak on the same database).
                "--cache=local",
                "--import-realm"));
        Map<String, String> env = new HashMap<>();
        env.put("JAVA_HOME", javaHome());
        env.put("JAVA_OPTS_APPEND", JAVA_OPTS_APPEND);
        env.put("KC_DB_PASSWORD", options.database().password());
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", options.adminUser());
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", options.adminPassword());
        env.put(PLATFORM_ADMIN_PASSWORD_ENV, options.platformAdminPassword());
        ProcessHandle process = Proc.start(command, home, env, options.log(), options.detached());
        Keycloak keycloak = new Keycloak(options.port(), options.managementPort(), process);
        Proc.await("Keycloak on port " + options.port(), Duration.ofSeconds(180), process, options.log(),
                keycloak::isReady);
        return keycloak;
    }

    public static Keycloak attach(int port, int managementPort, ProcessHandle process) {
        return new Keycloak(port, managementPort, process);
    }

    /**
     * The server's own home: its data (import directory, transaction logs) is its own, the distribution is shared.
     * {@code kc.sh} takes its home from its own real path, hence a copy of it rather than a link.
     */
    private static Path home(Path dist, Path dataDir) {
        Path home = dataDir.resolve("home");
        try {
            Files.createDirectories(home.resolve("bin"));
            Files.copy(dist.resolve("bin/kc.sh"), home.resolve("bin/kc.sh"), StandardCopyOption.REPLACE_EXISTING);
            home.resolve("bin/kc.sh").toFile().setExecutable(true, false);
            Dist.deleteTree(home.resolve("conf"));
            Dist.copyTree(dist.resolve("conf"), home.resolve("conf"));
            for (String shared : List.of("lib", "providers", "themes")) {
                Path link = home.resolve(shared);
                if (Files.isSymbolicLink(link) || Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(link);
                }
                Files.createSymbolicLink(link, dist.resolve(shared));
            }
            Path realm = home.resolve("data/import/" + REALM + "-realm.json");
            Files.createDirectories(realm.getParent());
            try (InputStream in = Keycloak.class.getResourceAsStream(REALM + "-realm.json")) {
                if (in == null) {
                    throw new IllegalStateException(REALM + "-realm.json missing from the jifen-infra jar");
                }
                Files.copy(in, realm, StandardCopyOption.REPLACE_EXISTING);
            }
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare the Keycloak home in " + home, e);
        }
    }

    /** Ready means the management health is UP and the realm's discovery document names our issuer. */
    public boolean isReady() {
        boolean up = Proc.probe("http://127.0.0.1:" + managementPort + "/health/ready")
                .filter(health -> health.statusCode() == 200 && UP.matcher(health.body()).find()).isPresent();
        return up && Proc.probe(issuerUri() + "/.well-known/openid-configuration")
                .filter(discovery -> discovery.statusCode() == 200
                        && discovery.body().contains("\"issuer\":\"" + issuerUri() + "\"")).isPresent();
    }

    public int port() {
        return port;
    }

    public int managementPort() {
        return managementPort;
    }

    public ProcessHandle process() {
        return process;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The {@code iss} of every token of the {@value #REALM} realm, and what resource servers are configured with. */
    public String issuerUri() {
        return url() + "/realms/" + REALM;
    }

    public String tokenEndpoint() {
        return issuerUri() + "/protocol/openid-connect/token";
    }

    /** An access token for a {@value #REALM} realm user via {@value #CLI_CLIENT} (resource-owner password grant). */
    public String passwordGrant(String username, String password) {
        return passwordGrant(tokenEndpoint(), CLI_CLIENT, username, password);
    }

    /** The resource-owner password grant against any token endpoint; fails with Keycloak's answer if refused. */
    public static String passwordGrant(String tokenEndpoint, String clientId, String username, String password) {
        String form = "grant_type=password&client_id=" + encode(clientId) + "&username=" + encode(username)
                + "&password=" + encode(password);
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(tokenEndpoint))
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher token = ACCESS_TOKEN.matcher(response.body());
            if (response.statusCode() != 200 || !token.find()) {
                throw new IllegalStateException("Password grant for " + username + " at " + tokenEndpoint + " failed: "
                        + response.statusCode() + " " + response.body());
            }
            return token.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException("Password grant at " + tokenEndpoint + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /** The JSON claims of a JWT (its decoded payload; the signature is not checked). */
    public static String claims(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            throw new IllegalArgumentException("Not a JWT");
        }
        return new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    }

    /** TERM reaches Keycloak through kc.sh, which forwards it and waits; after 30 s both are killed. */
    public void stop() {
        Proc.stop(process, "TERM", Duration.ofSeconds(30));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String javaHome() {
        return System.getProperty("java.home");
    }
}
