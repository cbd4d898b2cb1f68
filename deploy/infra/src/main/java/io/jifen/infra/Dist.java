package io.jifen.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Unpacks a distribution once into a cache directory that an unprivileged user can read.
 * Unpacking goes to a temporary sibling that is renamed into place, under a file lock, so concurrent
 * JVMs (parallel test forks, the launcher) never see a half-unpacked tree.
 */
public final class Dist {

    private Dist() {
    }

    /** Default cache for tests: outside /root, which the unprivileged server user cannot enter. */
    public static Path sharedCache() {
        return Path.of(System.getProperty("java.io.tmpdir"), "jifen-dist");
    }

    public interface Unpacker {
        void unpackInto(Path target) throws IOException, InterruptedException;
    }

    public static Path unpacked(Path cache, String name, Unpacker unpacker) {
        Path target = cache.resolve(name);
        if (Files.isRegularFile(target.resolve(".complete"))) {
            return target;
        }
        try {
            Files.createDirectories(cache);
            makeReadableByAll(cache);
            try (FileChannel channel = FileChannel.open(cache.resolve(name + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                if (Files.isRegularFile(target.resolve(".complete"))) {
                    return target;
                }
                Path work = Files.createTempDirectory(cache, name + ".partial-");
                unpacker.unpackInto(work);
                run("chmod", "-R", "a+rX", work.toString());
                Files.createFile(work.resolve(".complete"));
                deleteTree(target);
                Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
                return target;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not unpack " + name + " into " + cache, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while unpacking " + name, e);
        }
    }

    /** Extracts a zip, dropping its single top-level directory, and marks {@code bin/} files executable. */
    public static void unzipStripped(Path zip, Path target) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : file.stream().toList()) {
                String name = entry.getName();
                int slash = name.indexOf('/');
                if (slash < 0 || slash == name.length() - 1) {
                    continue;
                }
                Path out = target.resolve(name.substring(slash + 1)).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("Zip entry escapes the target: " + name);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = file.getInputStream(entry)) {
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
                if (out.getParent().getFileName().toString().equals("bin")) {
                    out.toFile().setExecutable(true, false);
                }
            }
        }
    }

    /** Copies one entry of a jar/zip to a file. */
    public static void extractEntry(Path zip, String entryName, Path out) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            ZipEntry entry = file.getEntry(entryName);
            if (entry == null) {
                throw new IOException(entryName + " not found in " + zip);
            }
            Files.createDirectories(out.getParent());
            try (InputStream in = file.getInputStream(entry)) {
                Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Runs a short command to its end (at most 5 minutes); fails with its output if it does not exit 0. */
    public static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    static void makeReadableByAll(Path dir) throws IOException, InterruptedException {
        run("chmod", "a+rx", dir.toString());
    }

    /** Copies a directory tree, replacing files that exist. */
    public static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
