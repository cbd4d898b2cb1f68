package io.jifen.launcher;

import io.jifen.infra.Proc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Where the local platform keeps things. Data, logs and PID files: under the git-ignored {@code .jifen/} of the
 * checkout. PostgreSQL and Elasticsearch run as an unprivileged user; when that user cannot reach the checkout (a clone
 * under {@code /root}, say), their state lives in {@code /var/lib/jifen/<hash of the home>} and {@code .jifen/state}
 * links there.
 *
 * <p>What only depends on versions and bytes is kept once per machine, in {@code cache} (ADR 0021): the unpacked
 * distributions ({@code dist}, Keycloak already built) and the services' unpacked jars with their trained start-up
 * caches ({@code apps}). Removing {@code .jifen/} then resets the data without making the next start a first one.
 */
record Layout(Path repo, Path home, Path state, Path cache, Path dist) {

    /**
     * {@code home} defaults to the checkout's {@code .jifen/} (JIFEN_HOME moves it); {@code cache} to
     * {@link #machineCache()} (JIFEN_CACHE); the distributions to {@code cache/dist} (JIFEN_DIST).
     */
    static Layout of(Path repo, Path home, Path cacheOverride, Path distOverride) {
        try {
            Files.createDirectories(home);
            Path state = home.resolve("state");
            if (!Files.exists(state) && !Files.isSymbolicLink(state)) {
                if (Proc.isRoot() && !unprivilegedCanEnter(home)) {
                    Path outside = Path.of("/var/lib/jifen", hash(home));
                    Files.createDirectories(outside);
                    chmodReadable(outside.getParent());
                    chmodReadable(outside);
                    Files.createSymbolicLink(state, outside);
                } else {
                    Files.createDirectories(state);
                    chmodReadable(home);
                    chmodReadable(state);
                }
            }
            Path cache = cacheOverride != null ? cacheOverride : machineCache();
            Files.createDirectories(cache);
            chmodReadable(cache); // the unprivileged server user reads the distributions below it
            return new Layout(repo, home, state, cache, distOverride != null ? distOverride : cache.resolve("dist"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare " + home, e);
        }
    }

    /**
     * The machine's cache: {@code /var/cache/jifen} for root (the unprivileged server user must read the
     * distributions, and cannot enter {@code /root}); otherwise {@code $XDG_CACHE_HOME/jifen} or
     * {@code ~/.cache/jifen}, which the servers, run as the same user, can read.
     */
    static Path machineCache() {
        if (Proc.isRoot()) {
            return Path.of("/var/cache/jifen");
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("jifen");
    }

    /** The services' unpacked jars and start-up caches, one directory per service and build (see {@link Apps}). */
    Path apps() {
        return cache.resolve("apps");
    }

    Path data(String piece) {
        return state.resolve("data").resolve(piece);
    }

    Path log(String piece) {
        return home.resolve("logs").resolve(piece + ".log");
    }

    Path pidFile(String piece) {
        return home.resolve("run").resolve(piece + ".pid");
    }

    Path credentials() {
        return home.resolve("credentials.properties");
    }

    Path lock() {
        return home.resolve("launcher.lock");
    }

    private static boolean unprivilegedCanEnter(Path dir) {
        try {
            Process test = new ProcessBuilder(Proc.unprivileged(java.util.List.of("test", "-x", dir.toString())))
                    .redirectErrorStream(true).start();
            return test.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void chmodReadable(Path dir) {
        dir.toFile().setReadable(true, false);
        dir.toFile().setExecutable(true, false);
    }

    private static String hash(Path home) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(home.toAbsolutePath().normalize().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
