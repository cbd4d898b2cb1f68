package io.jifen.launcher;

import io.jifen.infra.Dist;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a service runs from: its jar unpacked once into {@code .jifen/apps/<service>/} (Spring Boot's
 * {@code jarmode=tools extract}: the application jar plus {@code lib/}), and, once trained, that unpacked form's JDK
 * AOT cache {@code app.aot} beside it (ADR 0018). A nested jar costs its class loading on every start, and the JVM can
 * only use an AOT cache for plain jars on the class path. The unpacked copy is tied to the built jar (path, size,
 * modification time), the JDK and the JVM options by {@code source}; when any of them changes it is unpacked again
 * and the old cache goes with it.
 */
record Apps(Layout layout, String javaOptions) {

    static final String CACHE = "app.aot";

    /**
     * Small heaps: six services share a 2-core machine with the infrastructure (JIFEN_JAVA_OPTS overrides). A
     * service's classes take 80–120 MiB of metaspace; from the default 21 MiB threshold, each step of its growth
     * (the first requests of each kind, long after start) cost a full collection, about 0.4 s stopped on two busy
     * cores. Starting the threshold at 160 MiB commits nothing more: it only moves where the collector looks.
     */
    private static final String DEFAULT_JAVA_OPTS = "-Xms64m -Xmx384m -XX:MetaspaceSize=160m -XX:+UseSerialGC "
            + "-XX:+ExitOnOutOfMemoryError";

    /** For the JVM options the services run with (JIFEN_JAVA_OPTS, or the defaults above). */
    static Apps of(Layout layout, Settings settings) {
        return new Apps(layout, settings.env().getOrDefault("JIFEN_JAVA_OPTS", DEFAULT_JAVA_OPTS));
    }

    Path dir(Piece service) {
        return layout.home().resolve("apps").resolve(service.name());
    }

    Path cache(Piece service) {
        return dir(service).resolve(CACHE);
    }

    /** The trained cache of the current unpacked form, if there is one. */
    Optional<Path> trainedCache(Piece service) {
        return isCurrent(service) && Files.isRegularFile(cache(service)) ? Optional.of(cache(service))
                : Optional.empty();
    }

    /** Unpacks the service's jar unless its current form is already there; returns the jar to run. */
    Path prepare(Piece service) {
        Path dir = dir(service);
        if (!isCurrent(service)) {
            try {
                Dist.deleteTree(dir);
                Files.createDirectories(dir);
                Dist.run(java(), "-Djarmode=tools", "-jar", source(service).toString(), "extract", "--destination",
                        dir.resolve("app").toString());
                Files.writeString(dir.resolve("source"), stamp(service));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot unpack " + source(service) + " into " + dir, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return jar(service);
    }

    /** The command that runs the service: its unpacked jar, with its AOT cache when trained. */
    List<String> command(Piece service) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(options());
        trainedCache(service).ifPresent(cache -> command.add("-XX:AOTCache=" + cache));
        command.add("-jar");
        command.add(prepare(service).toString());
        return command;
    }

    List<String> options() {
        return java.util.Arrays.stream(javaOptions.trim().split("\\s+")).filter(option -> !option.isEmpty()).toList();
    }

    boolean isCurrent(Piece service) {
        Path source = dir(service).resolve("source");
        try {
            return Files.isRegularFile(jar(service)) && Files.isRegularFile(source)
                    && Files.readString(source).equals(stamp(service));
        } catch (IOException e) {
            return false;
        }
    }

    Path jar(Piece service) {
        return dir(service).resolve("app").resolve(source(service).getFileName());
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private Path source(Piece service) {
        return layout.repo().resolve(service.jar());
    }

    private String stamp(Piece service) throws IOException {
        Path jar = source(service);
        return String.join("\n", jar.toString(), Long.toString(Files.size(jar)),
                Long.toString(Files.getLastModifiedTime(jar).toMillis()), System.getProperty("java.home"),
                Runtime.version().toString(), javaOptions.trim(), "");
    }
}
