package io.jifen.launcher;

import java.io.PrintStream;
import java.util.Optional;

/** {@code ./jifen status}: each piece, whether we run it, its PID and port, and whether it answers. */
record Status(Layout layout, Settings settings, PrintStream out) {

    /** Returns 0 when every piece is healthy, 3 otherwise (so scripts can test it). */
    int run() {
        Pids pids = new Pids(layout);
        Health health = new Health(settings);
        boolean allUp = true;
        out.printf("%-18s %-9s %-8s %-6s %s%n", "NAME", "STATE", "PID", "PORT", "HEALTH");
        for (Piece piece : Piece.ALL) {
            Optional<String> external = settings.external(piece);
            if (external.isPresent()) {
                out.printf("%-18s %-9s %-8s %-6s %s%n", piece.name(), "external", "-", "-", external.get());
                continue;
            }
            Optional<ProcessHandle> process = pids.running(piece);
            boolean up = process.isPresent() && health.isUp(piece);
            allUp &= up;
            out.printf("%-18s %-9s %-8s %-6d %s%n", piece.name(), process.isPresent() ? "running" : "stopped",
                    process.map(p -> Long.toString(p.pid())).orElse("-"), settings.port(piece),
                    process.isEmpty() ? "-" : up ? "UP" : "DOWN (./jifen logs " + piece.name() + ")");
        }
        Apps apps = Apps.of(layout, settings);
        long trained = Piece.SERVICES.stream().filter(service -> apps.trainedCache(service).isPresent()).count();
        out.printf("%nStart-up caches (AOT): %d of %d services trained%s%n", trained, Piece.SERVICES.size(),
                Training.running(layout).map(p -> "; training in the background (pid " + p.pid() + ")").orElse(""));
        return allUp ? 0 : 3;
    }
}
