package io.jifen.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The CPU time each process of the platform used, as the operating system counts it (a process and its children:
 * PostgreSQL's backends), read before and after a measured window. Divided by the requests of the window it says
 * what one request cost in each process, a figure that, unlike a rate, hardly depends on what else the two cores
 * were doing at the time.
 */
final class CpuMeter {

    private final Map<String, Supplier<Optional<ProcessHandle>>> trees = new LinkedHashMap<>();
    private final Map<String, ProcessHandle> alone = new LinkedHashMap<>();
    private final Map<String, Function<String, String>> splits = new LinkedHashMap<>();

    /** A process counted with its descendants (PostgreSQL's backends). */
    CpuMeter add(String name, Supplier<Optional<ProcessHandle>> process) {
        trees.put(name, process);
        return this;
    }

    /** A process counted without its descendants (the test JVM, whose children are the infrastructure). */
    CpuMeter addAlone(String name, ProcessHandle process) {
        alone.put(name, process);
        return this;
    }

    /**
     * Also counts the processes of tree {@code name} by part, the part named from each process's command line
     * ({@link #postgresPart}: PostgreSQL's backends by database, its own processes by task).
     */
    CpuMeter split(String name, Function<String, String> part) {
        splits.put(name, part);
        return this;
    }

    /**
     * The CPU time used so far by each live process of the split trees, by process id, with its part. Per process,
     * so that one ending between two readings (an autovacuum worker) drops out instead of subtracting its time.
     */
    Map<Long, Use> readParts() {
        Map<Long, Use> used = new LinkedHashMap<>();
        splits.forEach((name, part) -> trees.get(name).get().ifPresent(root -> Stream.concat(Stream.of(root),
                root.descendants()).forEach(process -> used.put(process.pid(), new Use(name + ": "
                + part.apply(commandLine(process)), cpuOf(process))))));
        return used;
    }

    /** A process's part and the CPU time it used so far. */
    record Use(String part, Duration cpu) {
    }

    /**
     * {@code postgres: jifen_points 120 µs, postgres: autovacuum 31 µs, …}: CPU per request by part between two
     * {@link #readParts} readings, largest first; a process started in between counts from zero.
     */
    static String perRequestByPart(Map<Long, Use> before, Map<Long, Use> after, long requests) {
        if (requests == 0) {
            return "no requests";
        }
        Map<String, Long> micros = new TreeMap<>();
        after.forEach((pid, use) -> {
            Use start = before.get(pid);
            Duration spent = start == null || !start.part().equals(use.part()) ? use.cpu() : use.cpu().minus(start
                    .cpu());
            micros.merge(use.part(), spent.toNanos() / 1000, Long::sum);
        });
        StringBuilder text = new StringBuilder();
        micros.entrySet().stream().filter(part -> part.getValue() / requests > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(part -> appendMicros(text, part.getKey(), part.getValue() / requests));
        return text.isEmpty() ? "none" : text.toString();
    }

    /** Appends {@code name 1,020 µs} to a comma-separated list. */
    private static void appendMicros(StringBuilder text, String name, long micros) {
        text.append(text.isEmpty() ? "" : ", ").append(name).append(' ').append("%,d".formatted(micros)).append(" µs");
    }

    /**
     * What a PostgreSQL process works for, from the title it sets: a client backend's database
     * ({@code postgres: jifen_app jifen_points 127.0.0.1(41234) idle} → {@code jifen_points}), an autovacuum worker
     * ({@code autovacuum}, whatever its database), or the task of one of its own processes ({@code walwriter},
     * {@code checkpointer}); the postmaster, whose title is its command, is {@code postmaster}.
     */
    static String postgresPart(String commandLine) {
        String prefix = "postgres: ";
        if (!commandLine.startsWith(prefix)) {
            return "postmaster";
        }
        String title = commandLine.substring(prefix.length()).strip();
        if (title.startsWith("autovacuum worker")) {
            return "autovacuum";
        }
        String[] words = title.split(" ");
        boolean backend = words.length >= 3 && (words[2].contains("(") || words[2].equals("[local]"));
        return backend ? words[1] : title;
    }

    /** The command line of a live process as {@code /proc} shows it (arguments joined by spaces), "" once gone. */
    private static String commandLine(ProcessHandle process) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc/" + process.pid() + "/cmdline")))
                    .replace('\0', ' ').strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** The CPU time used so far by each process (and, for trees, its live descendants). */
    Map<String, Duration> read() {
        Map<String, Duration> used = new LinkedHashMap<>();
        trees.forEach((name, process) -> used.put(name, process.get().map(CpuMeter::cpuOfTree)
                .orElse(Duration.ZERO)));
        alone.forEach((name, process) -> used.put(name, cpuOf(process)));
        return used;
    }

    /** {@code gateway 812 µs, points-service 1,020 µs, … (total 2,950 µs)}: CPU per request between two readings. */
    static String perRequest(Map<String, Duration> before, Map<String, Duration> after, long requests) {
        if (requests == 0) {
            return "no requests";
        }
        StringBuilder text = new StringBuilder();
        long total = 0;
        for (Map.Entry<String, Duration> end : after.entrySet()) {
            long micros = end.getValue().minus(before.getOrDefault(end.getKey(), Duration.ZERO)).toNanos() / 1000
                    / requests;
            total += micros;
            if (micros > 0) {
                appendMicros(text, end.getKey(), micros);
            }
        }
        return text.append(" (total ").append("%,d".formatted(total)).append(" µs)").toString();
    }

    /** {@code gateway 301 MiB, … (total 1,900 MiB)}: the resident memory of each named process tree now. */
    String residentMemory(List<String> names) {
        StringBuilder text = new StringBuilder();
        long total = 0;
        for (String name : names) {
            long kib = trees.get(name).get().map(root -> Stream.concat(Stream.of(root), root.descendants())
                    .mapToLong(CpuMeter::residentKib).sum()).orElse(0L);
            total += kib;
            text.append(text.isEmpty() ? "" : ", ").append(name).append(' ').append("%,d".formatted(kib / 1024))
                    .append(" MiB");
        }
        return text.append(" (total ").append("%,d".formatted(total / 1024)).append(" MiB)").toString();
    }

    /** VmRSS of a live process, 0 once it is gone. */
    private static long residentKib(ProcessHandle process) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return 0;
    }

    private static Duration cpuOfTree(ProcessHandle root) {
        return Stream.concat(Stream.of(root), root.descendants()).map(CpuMeter::cpuOf)
                .reduce(Duration.ZERO, Duration::plus);
    }

    private static Duration cpuOf(ProcessHandle process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }
}
