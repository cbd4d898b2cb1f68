package io.jifen.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Starting, watching and stopping the server processes we own. Stops only by PID, never by name. */
public final class Proc {

    /** Elasticsearch and PostgreSQL refuse to run as root; when we are root they run as this user. */
    public static final String UNPRIVILEGED_USER = "nobody";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    private Proc() {
    }

    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Prefixes the command so that it drops to {@link #UNPRIVILEGED_USER} when we run as root (exec, no extra process). */
    public static List<String> unprivileged(List<String> command) {
        if (!isRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=" + UNPRIVILEGED_USER,
                "--regid=" + UNPRIVILEGED_USER.replace("nobody", "nogroup"), "--clear-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Gives a directory to the unprivileged user (recursively) when we run as root. */
    public static void handOver(Path dir) {
        if (!isRoot()) {
            return;
        }
        try {
            Dist.run("chown", "-R", UNPRIVILEGED_USER + ":", dir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Starts a server. A detached one gets its own session ({@code setsid}) so it outlives the JVM that started
     * it and ignores the terminal's signals; its output is appended to {@code log}.
     */
    public static ProcessHandle start(List<String> command, Path workDir, Map<String, String> env, Path log,
                                      boolean detached) {
        List<String> full = new ArrayList<>();
        if (detached) {
            full.add("setsid");
        }
        full.addAll(command);
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(full)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().putAll(env);
            return builder.start().toHandle();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + String.join(" ", command), e);
        }
    }

    /**
     * Polls {@code ready} every 100 ms until it holds. Fails at once, with the end of the log, if the process dies,
     * and after {@code timeout} otherwise.
     */
    public static void await(String what, Duration timeout, ProcessHandle process, Path log, BooleanSupplier ready) {
        Instant deadline = Instant.now().plus(timeout);
        while (!ready.getAsBoolean()) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException(what + " exited while starting. End of " + log + ":\n" + tail(log, 30));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(what + " was not ready within " + timeout.toSeconds() + " s. End of "
                        + log + ":\n" + tail(log, 30));
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }

    /**
     * Sends {@code signal} (e.g. TERM, INT) and waits up to {@code grace}; then kills. Some servers are a wrapper
     * around the real server process (Keycloak's {@code kc.sh}, Elasticsearch's launcher JVM): their descendants,
     * noted before the signal, are killed too if they outlive the wrapper, so a killed wrapper never leaves an
     * orphan holding the port.
     */
    public static void stop(ProcessHandle process, String signal, Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> descendants = process.descendants().toList();
        try {
            signal(process, signal);
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            process.onExit().join();
        }
        for (ProcessHandle descendant : descendants) {
            if (descendant.isAlive()) {
                descendant.destroyForcibly();
                descendant.onExit().join();
            }
        }
    }

    /** Sends {@code signal} (e.g. TERM, STOP, CONT) to the process; fails if {@code kill} could not deliver it. */
    public static void signal(ProcessHandle process, String signal) {
        try {
            int exit = new ProcessBuilder("kill", "-s", signal, Long.toString(process.pid())).inheritIO().start()
                    .waitFor();
            if (exit != 0) {
                throw new IllegalStateException("kill -s " + signal + " " + process.pid() + " exited with " + exit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while signalling " + process.pid(), e);
        }
    }

    /** A process we started, identified by PID and start time so a recycled PID is never mistaken for it. */
    public record PidFile(long pid, Instant started) {

        public static PidFile of(ProcessHandle process) {
            return new PidFile(process.pid(), process.info().startInstant().orElse(Instant.EPOCH));
        }

        public void write(Path file) {
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, pid + " " + started.toEpochMilli() + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public static Optional<PidFile> read(Path file) {
            try {
                if (!Files.isRegularFile(file)) {
                    return Optional.empty();
                }
                String[] parts = Files.readString(file).trim().split("\\s+");
                return Optional.of(new PidFile(Long.parseLong(parts[0]), Instant.ofEpochMilli(Long.parseLong(parts[1]))));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }

        /** The live process this file names, if it is still the one we started. */
        public Optional<ProcessHandle> process() {
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().startInstant()
                            .map(s -> Math.abs(s.toEpochMilli() - started.toEpochMilli()) < 2_000)
                            .orElse(false));
        }
    }

    /** GETs {@code url} with a 2 s timeout for a health probe: the answer, or empty when nothing answered. */
    public static Optional<HttpResponse<String>> probe(String url) {
        try {
            return Optional.of(HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    public static boolean portOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether we could listen on 127.0.0.1:port (nothing binds it, nothing answers there). */
    public static boolean portFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
        } catch (IOException e) {
            return false;
        }
        // Checked after closing: while our own probe socket listens, a connection would always succeed.
        return !portOpen(port);
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String tail(Path log, int lines) {
        try {
            if (!Files.isRegularFile(log)) {
                return "(no log)";
            }
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }
}
