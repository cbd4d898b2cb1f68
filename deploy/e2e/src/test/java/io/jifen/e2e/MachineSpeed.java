package io.jifen.e2e;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;

/**
 * How fast one core of this machine runs right now, two ways: SHA-256 over a buffer that stays in the core's caches
 * (arithmetic), and a chain of dependent reads at random places of 256 MiB (the wait for main memory, which a
 * neighbour on the same host slows and arithmetic does not show). The machine kind the benchmark runs on did the same
 * work at CPU costs that drifted by half within an hour (docs/benchmarks.md, runs 31) with no steal time in
 * {@code /proc/stat}; read before and after the figures, these say which state of the machine a run belongs to.
 */
final class MachineSpeed {

    private static final int BUFFER = 64 * 1024;
    private static final int BUFFERS_PER_RUN = 512; // 32 MiB
    private static final int RUNS = 5;
    private static final int CHAIN = 64 * 1024 * 1024; // ints: 256 MiB
    private static final int STEPS = 4_000_000;

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

    /** Nanoseconds per read of a chain of dependent reads over 256 MiB in random order, the best of three runs. */
    static double memoryReadNanos() {
        // One cycle through every slot (Sattolo's shuffle), so no read's address is known before the previous one.
        int[] next = new int[CHAIN];
        for (int i = 0; i < CHAIN; i++) {
            next[i] = i;
        }
        SplittableRandom random = new SplittableRandom(42);
        for (int i = CHAIN - 1; i > 0; i--) {
            int j = random.nextInt(i);
            int swap = next[i];
            next[i] = next[j];
            next[j] = swap;
        }
        long best = Long.MAX_VALUE;
        int at = 0;
        for (int run = 0; run < 3; run++) {
            long start = System.nanoTime();
            for (int i = 0; i < STEPS; i++) {
                at = next[at];
            }
            best = Math.min(best, System.nanoTime() - start);
        }
        if (at < 0) {
            throw new IllegalStateException("unreachable: keeps the chain's reads from being optimised away");
        }
        return (double) best / STEPS;
    }
}
