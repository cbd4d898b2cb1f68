package io.jifen.launcher;

import io.jifen.infra.Dist;
import io.jifen.infra.Postgres;
import io.jifen.infra.Proc;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * {@code ./jifen up}: starts whatever of the platform is not running yet, in dependency order but as much in
 * parallel as the dependencies allow (PostgreSQL, Redis and Elasticsearch together; Keycloak once PostgreSQL is up;
 * the services once PostgreSQL and Redis are), then waits until every piece reports healthy.
 */
record Up(Layout layout, Settings settings, PrintStream out) {

    int run() {
        Pids pids = new Pids(layout);
        List<Piece> local = Piece.ALL.stream().filter(settings::isLocal).toList();
        List<Piece> missing = local.stream().filter(piece -> pids.running(piece).isEmpty()).toList();
        if (missing.isEmpty()) {
            out.println("Jifen is already running; nothing was started.");
            new Status(layout, settings, out).run();
            return 0;
        }
        if (missing.size() < local.size()) {
            out.println("Already running: " + names(local.stream().filter(p -> !missing.contains(p)).toList())
                    + "; starting the rest.");
        } else {
            removeFormerPerCheckoutCopies();
        }
        requireFreePorts(missing);
        ServiceStarter.requireJars(layout.repo(), missing.stream().filter(Piece::isService).toList());
        Credentials credentials = Credentials.loadOrCreate(layout.credentials(), settings.env());
        ServiceStarter services = new ServiceStarter(layout, settings, pids, credentials);
        Training training = new Training(layout, settings, services);
        Training.stop(layout); // it would compete for the CPU, and may be reading a service's unpacked jar about to change
        Instant began = Instant.now();
        start(missing, new InfraStarter(layout, settings, pids, credentials), services);
        out.printf("All healthy in %d s.%n%n", Duration.between(began, Instant.now()).toSeconds());
        new Summary(settings, credentials, layout.repo().relativize(layout.credentials()), out).print();
        training.startIfUntrained(out);
        return 0;
    }

    /**
     * Before ADR 0021 each checkout kept its own unpacked distributions ({@code state/dist}) and services
     * ({@code apps/<service>/}); they live in the machine cache now. Only called when nothing of the platform runs.
     */
    private void removeFormerPerCheckoutCopies() {
        try {
            Path former = layout.state().resolve("dist");
            if (!former.equals(layout.dist())) {
                Dist.deleteTree(former);
            }
            for (Piece service : Piece.SERVICES) {
                Dist.deleteTree(layout.home().resolve("apps").resolve(service.name()));
            }
        } catch (IOException e) {
            out.println("Could not remove the former copies in " + layout.home() + ": " + e.getMessage());
        }
    }

    private void start(List<Piece> missing, InfraStarter infra, ServiceStarter services) {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<Postgres> postgres = settings.isLocal(Piece.POSTGRES)
                    ? CompletableFuture.supplyAsync(() -> timed(Piece.POSTGRES, infra::postgres), executor)
                    : CompletableFuture.completedFuture(null);
            CompletableFuture<Void> redis = startIfMissing(executor, missing, Piece.REDIS, infra::redis);
            CompletableFuture<Void> elasticsearch = startIfMissing(executor, missing, Piece.ELASTICSEARCH,
                    infra::elasticsearch);
            CompletableFuture<Void> keycloak = missing.contains(Piece.KEYCLOAK)
                    ? postgres.thenAcceptAsync(pg -> announce(Piece.KEYCLOAK, () -> infra.keycloak(pg)), executor)
                    : CompletableFuture.completedFuture(null);
            List<CompletableFuture<Void>> all = new ArrayList<>(List.of(postgres.thenAccept(pg -> { }), redis,
                    elasticsearch, keycloak));
            CompletableFuture<Void> storage = CompletableFuture.allOf(postgres, redis);
            for (Piece service : missing.stream().filter(Piece::isService).toList()) {
                all.add(storage.thenRunAsync(() -> announce(service, () -> {
                    ProcessHandle process = services.start(service);
                    services.awaitHealthy(service, process);
                }), executor));
            }
            awaitAll(all);
        }
    }

    private CompletableFuture<Void> startIfMissing(ExecutorService executor, List<Piece> missing, Piece piece,
                                                   Runnable starter) {
        if (!missing.contains(piece)) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(() -> announce(piece, starter), executor);
    }

    private void announce(Piece piece, Runnable starter) {
        timed(piece, () -> {
            starter.run();
            return null;
        });
    }

    /** Runs a piece's start and says how long it took. */
    private <T> T timed(Piece piece, Supplier<T> starter) {
        Instant began = Instant.now();
        T result = starter.get();
        out.printf("  %-18s up on port %d (%.1f s)%n", piece.title(), settings.port(piece),
                Duration.between(began, Instant.now()).toMillis() / 1000.0);
        return result;
    }

    /** Waits for every step; reports each failure (not just the first), leaving what did start running. */
    private void awaitAll(List<CompletableFuture<Void>> steps) {
        List<String> failures = new ArrayList<>();
        for (CompletableFuture<Void> step : steps) {
            try {
                step.join();
            } catch (CompletionException e) {
                String message = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
                if (!failures.contains(message)) {
                    failures.add(message);
                }
            }
        }
        if (!failures.isEmpty()) {
            throw new LauncherException("Jifen did not come up:\n\n" + String.join("\n\n", failures)
                    + "\n\nWhat did start is still running: ./jifen status to see it, ./jifen logs <name> to read a log,"
                    + " ./jifen down to stop it.");
        }
    }

    private void requireFreePorts(List<Piece> pieces) {
        if (pieces.contains(Piece.KEYCLOAK) && !Proc.portFree(settings.keycloakManagementPort())) {
            throw new LauncherException("Port " + settings.keycloakManagementPort() + " (Keycloak management) is"
                    + " already in use by another process. Stop that process, or choose another port:"
                    + " JIFEN_KEYCLOAK_MANAGEMENT_PORT=<port> ./jifen up");
        }
        for (Piece piece : pieces) {
            int port = settings.port(piece);
            if (!Proc.portFree(port)) {
                throw new LauncherException("Port " + port + " (" + piece.title() + ") is already in use by another"
                        + " process. Stop that process, or give " + piece.title() + " another port: "
                        + piece.portEnv() + "=<port> ./jifen up" + (piece.externalEnv() == null ? ""
                        : " (or use an existing one: " + piece.externalEnv() + "=…)"));
            }
        }
    }

    private static String names(List<Piece> pieces) {
        return String.join(", ", pieces.stream().map(Piece::name).toList());
    }
}
