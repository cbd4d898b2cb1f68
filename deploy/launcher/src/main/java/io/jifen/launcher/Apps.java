package io.jifen.launcher;

import io.jifen.infra.Dist;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a service runs from (ADR 0018, ADR 0021): its jar unpacked (Spring Boot's {@code jarmode=tools extract}: the
 * application jar plus {@code lib/}) into the machine's cache, {@code <cache>/apps/<service>-<key>/app/}, and, once
 * trained, that unpacked form's JDK AOT cache {@code app.aot} beside it. A nested jar costs its class loading on every
 * start, and the JVM can only use an AOT cache for plain jars on the class path, at the path it was trained with.
 *
 * <p>The key is a digest of the built jar's bytes, the JDK and the JVM options: a changed jar, JDK or option set gets a
 * new directory and no cache, while the same build finds its trained form again, from any checkout, after
 * {@code .jifen/} was removed, or after switching back to a branch. The build is reproducible, so rebuilding a module
 * that did not change keeps its cache. {@code .jifen/apps/<service>.source} remembers the jar's size, change time and
 * digest, so the jar is only hashed again when it was written. The {@value #KEPT} most recently started forms of each
 * service are kept; older ones are removed when a new one is unpacked.
 */
record Apps(Layout layout, String javaOptions) {

    static final String CACHE = "app.aot";
    /** Forms kept per service: the current build, and the builds of the branches or checkouts last used. */
    static final int KEPT = 3;
    private static final String USED = ".used";

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

    /** The directory of the service's current build: its unpacked form (when there) and its cache (when trained). */
    Path dir(Piece service) {
        return layout.apps().resolve(service.name() + "-" + source(service).key());
    }

    Path cache(Piece service) {
        return dir(service).resolve(CACHE);
    }

    /** The trained cache of the current build's unpacked form, if there is one. */
    Optional<Path> trainedCache(Piece service) {
        return isCurrent(service) && Files.isRegularFile(cache(service)) ? Optional.of(cache(service))
                : Optional.empty();
    }

    /**
     * Unpacks the service's jar unless its current build is already unpacked (by this checkout or another), marks it
     * used, removes the forms of the service beyond the {@value #KEPT} last used; returns the jar to run.
     */
    Path prepare(Piece service) {
        Path dir = Dist.unpacked(layout.apps(), dir(service).getFileName().toString(), target -> Dist.run(java(),
                "-Djarmode=tools", "-jar", builtJar(service).toString(), "extract", "--destination",
                target.resolve("app").toString()));
        try {
            Files.writeString(dir.resolve(USED), Instant.now().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot mark " + dir + " used", e);
        }
        removeOldForms(service, dir);
        return dir.resolve("app").resolve(builtJar(service).getFileName());
    }

    /** The command that runs the service: its unpacked jar, with its AOT cache when trained. */
    List<String> command(Piece service) {
        Path jar = prepare(service);
        Path cache = jar.getParent().resolveSibling(CACHE);
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(options());
        if (Files.isRegularFile(cache)) {
            command.add("-XX:AOTCache=" + cache);
        }
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    List<String> options() {
        return java.util.Arrays.stream(javaOptions.trim().split("\\s+")).filter(option -> !option.isEmpty()).toList();
    }

    /**
     * Whether the current build of the jar, for this JDK and these options, is unpacked (and so can be trained); false
     * when the jar is not built.
     */
    boolean isCurrent(Piece service) {
        return Files.isRegularFile(builtJar(service)) && Files.isRegularFile(dir(service).resolve(".complete"));
    }

    Path jar(Piece service) {
        return dir(service).resolve("app").resolve(builtJar(service).getFileName());
    }

    /**
     * The built jar as it is now. The digest is taken again only when the jar's size or change time moved since it was
     * last taken (a jar rewritten with the same bytes keeps its digest, and so its directory).
     */
    Source source(Piece service) {
        Path memo = layout.home().resolve("apps").resolve(service.name() + ".source");
        try {
            Optional<Source> known = Source.read(memo);
            Source now = Source.of(builtJar(service), javaOptions, known.map(Source::checksum).orElse(null));
            if (known.isPresent() && now.changed() != -1 && now.equals(known.get())) {
                return now;
            }
            Source hashed = Source.of(builtJar(service), javaOptions, null);
            Files.createDirectories(memo.getParent());
            hashed.write(memo);
            return hashed;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + builtJar(service) + " (is it built?)", e);
        }
    }

    /** Removes the service's forms beyond the {@value #KEPT} last used, never {@code current}. */
    private void removeOldForms(Piece service, Path current) {
        String prefix = service.name() + "-";
        try (Stream<Path> forms = Files.list(layout.apps())) {
            List<Path> old = forms.filter(dir -> Files.isDirectory(dir) && !dir.equals(current))
                    .filter(dir -> dir.getFileName().toString().startsWith(prefix)
                            && dir.getFileName().toString().substring(prefix.length()).matches("[0-9a-f]{16}"))
                    .sorted(Comparator.comparing(Apps::lastUsed).reversed())
                    .toList();
            for (Path dir : old.subList(Math.min(old.size(), KEPT - 1), old.size())) {
                Dist.deleteTree(dir);
                Files.deleteIfExists(dir.resolveSibling(dir.getFileName() + ".lock")); // Dist.unpacked's lock file
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + layout.apps(), e);
        }
    }

    private static Instant lastUsed(Path dir) {
        try {
            return Files.getLastModifiedTime(dir.resolve(USED)).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private Path builtJar(Piece service) {
        return layout.repo().resolve(service.jar());
    }

    /**
     * What an unpacked form is made from: the built jar (path, size, when its inode last changed, SHA-256), the JDK
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

        /** What names the unpacked form: 16 hex digits of a digest of the jar's bytes, the JDK and the options. */
        String key() {
            try {
                byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(
                        String.join("\n", checksum, runtime, options).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                return java.util.HexFormat.of().formatHex(digest, 0, 8);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
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
