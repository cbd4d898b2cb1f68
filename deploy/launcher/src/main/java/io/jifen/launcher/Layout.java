package io.jifen.launcher;

import io.jifen.infra.Proc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Where the local platform keeps things: everything under the git-ignored {@code .jifen/} of the checkout.
 * PostgreSQL and Elasticsearch run as an unprivileged user; when that user cannot reach the checkout (a clone under
 * {@code /root}, say), their state lives in {@code /var/lib/jifen/<hash of the home>} and {@code .jifen/state} links
 * there. Unpacked distributions go to {@code state/dist} unless JIFEN_DIST names a shared cache (the launcher's tests).
 */
record Layout(Path repo, Path home, Path state, Path dist) {

    /** {@code home} defaults to the checkout's {@code .jifen/}; JIFEN_HOME moves it (the launcher's own tests do). */
    static Layout of(Path repo, Path home, Path distOverride) {
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
            return new Layout(repo, home, state, distOverride != null ? distOverride : state.resolve("dist"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare " + home, e);
        }
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
