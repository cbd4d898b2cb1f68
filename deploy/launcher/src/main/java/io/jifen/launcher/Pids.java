package io.jifen.launcher;

import io.jifen.infra.Proc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Optional;

/** The PID files of what {@code up} started: the only processes {@code down} will ever stop. */
record Pids(Layout layout) {

    /** The live process we started for this piece, if any (a recycled PID is not ours: the start time differs). */
    Optional<ProcessHandle> running(Piece piece) {
        return Proc.PidFile.read(layout.pidFile(piece.name())).flatMap(Proc.PidFile::process);
    }

    void record(Piece piece, ProcessHandle process) {
        Proc.PidFile.of(process).write(layout.pidFile(piece.name()));
    }

    void forget(Piece piece) {
        try {
            Files.deleteIfExists(layout.pidFile(piece.name()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
