package io.jifen.launcher;

import io.jifen.infra.Proc;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Trains the services' JDK AOT caches (ADR 0018) in the background, after {@code up} found them all healthy: a
 * detached {@code jifen train} runs each untrained service once more, at the lowest CPU priority, up to the end of
 * its Spring context's refresh ({@code spring.context.exit=onRefresh}: beans created, nothing started, no port bound)
 * with {@code -XX:AOTCacheOutput}. The next {@code up} starts the service from that cache. {@code up} and
 * {@code down} stop a training still running; the next {@code up} starts it again. JIFEN_AOT=off turns it off.
 */
record Training(Layout layout, Settings settings, ServiceStarter services) {

    static final String PIECE = "aot-training";

    boolean enabled() {
        return !"off".equalsIgnoreCase(settings.env().getOrDefault("JIFEN_AOT", "on").trim());
    }

    List<Piece> untrained() {
        Apps apps = services.apps();
        return Piece.SERVICES.stream().filter(s -> apps.isCurrent(s) && !Files.isRegularFile(apps.cache(s))).toList();
    }

    /** Starts the background training if a running service has no cache yet; says so. */
    void startIfUntrained(PrintStream out) {
        List<Piece> untrained = untrained();
        if (!enabled() || untrained.isEmpty() || running(layout).isPresent()) {
            return;
        }
        List<String> command = List.of(Apps.java(), "-Djifen.repo=" + layout.repo(), "-jar", launcherJar().toString(),
                "train");
        ProcessHandle process = Proc.start(command, layout.repo(), Map.of(), layout.log(PIECE), true);
        Proc.PidFile.of(process).write(layout.pidFile(PIECE));
        boolean one = untrained.size() == 1;
        out.printf("Training the start-up %s in the background, at low priority (a few minutes; ./jifen logs %s)."
                + " The next ./jifen up starts %s about twice as fast.%n%n",
                one ? "cache of " + untrained.getFirst().name() : "caches of " + untrained.size() + " services", PIECE,
                one ? "it" : "them");
    }

    static Optional<ProcessHandle> running(Layout layout) {
        return Proc.PidFile.read(layout.pidFile(PIECE)).flatMap(Proc.PidFile::process);
    }

    /** Stops a training still running, with the JVMs it started (their half-written caches are discarded). */
    static void stop(Layout layout) {
        running(layout).ifPresent(process -> Proc.stop(process, "KILL", Duration.ofSeconds(10)));
        try {
            Files.deleteIfExists(layout.pidFile(PIECE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code jifen train}: trains every service whose unpacked form has no cache, one after the other. */
    int run(PrintStream out) {
        int failed = 0;
        for (Piece service : untrained()) {
            if (!train(service, out)) {
                failed++;
            }
        }
        out.println("Training done" + (failed == 0 ? "." : "; " + failed + " failed (the next ./jifen up retries)."));
        try {
            Files.deleteIfExists(layout.pidFile(PIECE));
        } catch (IOException e) {
            out.println("Could not remove " + layout.pidFile(PIECE) + ": " + e.getMessage());
        }
        return failed == 0 ? 0 : 1;
    }

    private boolean train(Piece service, PrintStream out) {
        Apps apps = services.apps();
        // Named after this process: another checkout may train the same build at the same time.
        Path part = apps.dir(service).resolve(Apps.CACHE + ".part-" + ProcessHandle.current().pid());
        List<String> command = new ArrayList<>(List.of("nice", "-n", "19", Apps.java()));
        command.addAll(apps.options());
        command.addAll(List.of("-XX:AOTCacheOutput=" + part, "-Dspring.context.exit=onRefresh", "-jar",
                apps.jar(service).toString(), "--server.port=0"));
        out.println("Training " + service.name() + ": " + String.join(" ", command));
        out.flush();
        long began = System.nanoTime();
        try {
            Files.deleteIfExists(part);
            ProcessBuilder builder = new ProcessBuilder(command).directory(layout.repo().toFile()).inheritIO();
            builder.environment().putAll(services.environment());
            Process process = builder.start();
            boolean exited = process.waitFor(15, TimeUnit.MINUTES);
            if (!exited) {
                process.destroyForcibly().waitFor();
            }
            if (!exited || process.exitValue() != 0 || !Files.isRegularFile(part)) {
                out.println("Training " + service.name() + " failed (see above); it starts without a cache.");
                Files.deleteIfExists(part);
                return false;
            }
            Files.move(part, apps.cache(service), StandardCopyOption.ATOMIC_MOVE);
            out.printf("Trained %s in %.0f s: %s%n", service.name(), (System.nanoTime() - began) / 1e9,
                    apps.cache(service));
            return true;
        } catch (IOException e) {
            out.println("Training " + service.name() + " failed: " + e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Path launcherJar() {
        try {
            return Path.of(Training.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
