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
 * only use an AOT cache for plain jars on the class path. The unpacked copy is tied to the built jar (path and
 * content), the JDK and the JVM options by {@code source}; when any of them changes it is unpacked again and the old
 * cache goes with it. The build is reproducible, so rebuilding a module that did not change keeps its cache.
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
                Source.of(source(service), javaOptions, null).write(dir.resolve("source"));
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

    /**
     * Whether the unpacked form is that of the built jar, for this JDK and these options. A jar rebuilt with the same
     * bytes (the build is reproducible) is the same jar: only its change time is noted again.
     */
    boolean isCurrent(Piece service) {
        try {
            Optional<Source> unpacked = Source.read(dir(service).resolve("source"));
            if (unpacked.isEmpty() || !Files.isRegularFile(jar(service))) {
                return false;
            }
            Source built = Source.of(source(service), javaOptions, unpacked.get().checksum());
            if (built.changed() != -1 && built.equals(unpacked.get())) {
                return true;
            }
            Source rehashed = Source.of(source(service), javaOptions, null);
            if (!rehashed.sameContent(unpacked.get())) {
                return false;
            }
            rehashed.write(dir(service).resolve("source"));
            return true;
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

    /**
     * What an unpacked form was made from: the built jar (path, size, when its inode last changed, SHA-256), the JDK
     * and the JVM options. {@code checksum} given means "assume the bytes unchanged if size and change time match"
     * (the cheap check). The change time, not the modification time: a reproducible build gives every jar the same
     * modification time (the pom's outputTimestamp), while any write of the file moves its change time.
     */
    record Source(String jar, long size, long changed, String checksum, String runtime, String options) {

        static Source of(Path jar, String options, String knownChecksum) throws IOException {
            long size = Files.size(jar);
            return new Source(jar.toString(), size, changeTime(jar), knownChecksum != null ? knownChecksum : sha256(jar),
                    System.getProperty("java.home") + " " + Runtime.version(), options.trim());
        }

        /** The inode's change time in ns, or -1 where the file system does not say (then the bytes are always hashed). */
        private static long changeTime(Path jar) throws IOException {
            try {
                return ((java.nio.file.attribute.FileTime) Files.getAttribute(jar, "unix:ctime"))
                        .to(java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (UnsupportedOperationException | IllegalArgumentException e) {
                return -1;
            }
        }

        boolean sameContent(Source other) {
            return jar.equals(other.jar) && size == other.size && checksum.equals(other.checksum)
                    && runtime.equals(other.runtime) && options.equals(other.options);
        }

        static Optional<Source> read(Path file) throws IOException {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(file);
            if (lines.size() < 6) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Source(lines.get(0), Long.parseLong(lines.get(1)), Long.parseLong(lines.get(2)),
                        lines.get(3), lines.get(4), lines.get(5)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }

        void write(Path file) throws IOException {
            Files.writeString(file, String.join("\n", jar, Long.toString(size), Long.toString(changed), checksum,
                    runtime, options, ""));
        }

        private static String sha256(Path jar) throws IOException {
            try (java.io.InputStream in = Files.newInputStream(jar)) {
                java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
                byte[] buffer = new byte[1 << 16];
                for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                    digest.update(buffer, 0, read);
                }
                return java.util.HexFormat.of().formatHex(digest.digest());
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
