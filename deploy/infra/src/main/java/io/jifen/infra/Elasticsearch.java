package io.jifen.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A real single-node Elasticsearch from the {@code integ-test-zip} on Maven Central. That zip carries the server, the
 * netty transport, APM and x-pack core/security modules only: no bundled JDK (it runs on the JDK running us), no
 * painless, no geoip, only the standard analyzer, and no {@code GET /} handler (readiness is the cluster health).
 * It refuses to run as root, so when we are root it runs as {@link Proc#UNPRIVILEGED_USER}.
 *
 * <p>Everything it writes lives in {@code dataDir}: {@code config/} (a copy of the distribution's, plus the keystore
 * it creates), {@code data/}, {@code logs/} and {@code tmp/}. Listens on 127.0.0.1 only, without security: a local
 * development and test server (production points JIFEN_ES_URL at a managed cluster).
 */
public final class Elasticsearch {

    /** Default heap; tests may pass less. */
    public static final int DEFAULT_HEAP_MB = 512;

    private static final Pattern READY = Pattern.compile("\"status\"\\s*:\\s*\"(green|yellow)\"");

    private final int port;
    private final ProcessHandle process;

    private Elasticsearch(int port, ProcessHandle process) {
        this.port = port;
        this.process = process;
    }

    public static Path distribution(Path cache) {
        String version = Artifacts.version("elasticsearch");
        Path zip = Artifacts.file("org.elasticsearch.distribution.integ-test-zip", "elasticsearch", version, "zip");
        return Dist.unpacked(cache, "elasticsearch-" + version, target -> Dist.unzipStripped(zip, target));
    }

    /** Starts Elasticsearch with {@value #DEFAULT_HEAP_MB} MB of heap. */
    public static Elasticsearch start(Path cache, Path dataDir, int port, Path log, boolean detached) {
        return start(cache, dataDir, port, log, detached, DEFAULT_HEAP_MB);
    }

    /**
     * Starts a single node on {@code 127.0.0.1:port} (the transport port is ephemeral) with its data in
     * {@code dataDir}, kept across restarts, and waits until the cluster health is yellow or green.
     */
    public static Elasticsearch start(Path cache, Path dataDir, int port, Path log, boolean detached, int heapMb) {
        Path home = distribution(cache);
        Path config = dataDir.resolve("config");
        Path logs = dataDir.resolve("logs");
        Path tmp = dataDir.resolve("tmp");
        try {
            Files.createDirectories(dataDir);
            if (!Files.isRegularFile(config.resolve("jvm.options"))) {
                Dist.copyTree(home.resolve("config"), config);
            }
            Files.createDirectories(dataDir.resolve("data"));
            Files.createDirectories(logs);
            Files.createDirectories(tmp);
            Files.writeString(config.resolve("elasticsearch.yml"), settings(dataDir, port));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare " + dataDir, e);
        }
        Proc.handOver(dataDir);
        Map<String, String> env = Map.of(
                "ES_JAVA_HOME", System.getProperty("java.home"),
                "ES_PATH_CONF", config.toString(),
                "ES_TMPDIR", tmp.toString(),
                "ES_JAVA_OPTS", "-Xms" + heapMb + "m -Xmx" + heapMb + "m");
        // The working directory is where the JVM options put gc.log and any heap dump.
        ProcessHandle process = Proc.start(Proc.unprivileged(List.of(home.resolve("bin/elasticsearch").toString())),
                logs, env, log, detached);
        Elasticsearch elasticsearch = new Elasticsearch(port, process);
        Proc.await("Elasticsearch on port " + port, Duration.ofSeconds(120), process, log, elasticsearch::isReady);
        return elasticsearch;
    }

    public static Elasticsearch attach(int port, ProcessHandle process) {
        return new Elasticsearch(port, process);
    }

    private static String settings(Path dataDir, int port) {
        return """
                # Written by io.jifen.infra.Elasticsearch at every start; edits here are overwritten.
                cluster.name: jifen
                node.name: jifen-local
                discovery.type: single-node
                network.host: 127.0.0.1
                http.port: %d
                transport.port: 0
                path.data: %s
                path.logs: %s
                # Local development and tests only: no TLS, no users (the integ-test zip has x-pack security).
                xpack.security.enabled: false
                # A full disk on a laptop must not turn the indices read-only in the middle of a test run.
                cluster.routing.allocation.disk.threshold_enabled: false
                """.formatted(port, dataDir.resolve("data"), dataDir.resolve("logs"));
    }

    /** Ready means the cluster health answers yellow (a single node cannot place replicas) or green. */
    public boolean isReady() {
        return Proc.probe(url() + "/_cluster/health")
                .filter(health -> health.statusCode() == 200 && READY.matcher(health.body()).find()).isPresent();
    }

    public int port() {
        return port;
    }

    public ProcessHandle process() {
        return process;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** TERM lets the launcher JVM stop the server JVM it started; after 30 s both are killed. */
    public void stop() {
        Proc.stop(process, "TERM", Duration.ofSeconds(30));
    }
}
