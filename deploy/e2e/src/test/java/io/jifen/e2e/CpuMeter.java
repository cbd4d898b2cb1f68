package io.jifen.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
                text.append(text.isEmpty() ? "" : ", ").append(end.getKey()).append(' ')
                        .append("%,d".formatted(micros)).append(" µs");
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
