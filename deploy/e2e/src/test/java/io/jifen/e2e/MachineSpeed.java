package io.jifen.e2e;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * How fast one core of this machine runs right now: SHA-256 over a fixed buffer, the best of a few runs. The machine
 * kind the benchmark runs on does the same work at speeds that drift by a third within an hour (docs/benchmarks.md,
 * runs 29 and 31) with no steal time in {@code /proc/stat}; read before and after the figures, this says which state
 * of the machine a run's figures belong to.
 */
final class MachineSpeed {

    private static final int BUFFER = 64 * 1024;
    private static final int BUFFERS_PER_RUN = 512; // 32 MiB
    private static final int RUNS = 5;

    private MachineSpeed() {
    }

    /** MiB hashed per second on one thread, the best of {@value #RUNS} runs of 32 MiB. */
    static double sha256MibPerSecond() {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        byte[] buffer = new byte[BUFFER];
        for (int i = 0; i < buffer.length; i++) {
            buffer[i] = (byte) (i * 31);
        }
        long best = Long.MAX_VALUE;
        for (int run = 0; run < RUNS; run++) {
            long start = System.nanoTime();
            for (int i = 0; i < BUFFERS_PER_RUN; i++) {
                digest.update(buffer);
                buffer[i % BUFFER] ^= digest.digest()[0];
            }
            best = Math.min(best, System.nanoTime() - start);
        }
        double mib = (double) BUFFER * BUFFERS_PER_RUN / (1024 * 1024);
        return mib / (best / 1e9);
    }
}
