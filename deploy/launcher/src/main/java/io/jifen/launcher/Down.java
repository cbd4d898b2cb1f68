package io.jifen.launcher;

import io.jifen.infra.Proc;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code ./jifen down}: stops, by the PIDs {@code up} recorded, the services (in parallel, each draining its
 * requests) and then the infrastructure in reverse dependency order. Anything not started by {@code up} is untouched.
 */
record Down(Layout layout, PrintStream out) {

    int run() {
        Pids pids = new Pids(layout);
        Training.stop(layout); // the background training of start-up caches, if still running
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<Void>> services = Piece.SERVICES.stream()
                    .map(service -> CompletableFuture.runAsync(() -> stop(pids, service, "TERM"), executor))
                    .toList();
            services.forEach(CompletableFuture::join);
        }
        stop(pids, Piece.KEYCLOAK, "TERM");
        stop(pids, Piece.ELASTICSEARCH, "TERM");
        stop(pids, Piece.REDIS, "TERM");
        stop(pids, Piece.POSTGRES, "INT"); // fast shutdown: roll back open transactions, then a clean checkpoint
        out.println("Jifen is stopped; its data stays in .jifen/ (remove it for a clean slate).");
        return 0;
    }

    private void stop(Pids pids, Piece piece, String signal) {
        Optional<ProcessHandle> process = pids.running(piece);
        if (process.isPresent()) {
            Proc.stop(process.get(), signal, Duration.ofSeconds(45));
            out.printf("  stopped %-18s (pid %d)%n", piece.name(), process.get().pid());
        }
        pids.forget(piece);
    }
}
