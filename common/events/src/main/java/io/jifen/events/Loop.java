package io.jifen.events;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One background thread running a body until asked to stop. A body waits through {@link #await} (cut short by
 * {@link #wake} and by stop) or {@link #pause} (cut short by stop only, for backoff, so a burst of commits cannot
 * turn a backoff into a retry storm). Stop never interrupts: a handler or a batch in flight finishes its
 * transaction. One-shot: a restart makes a new loop.
 */
final class Loop {

    private static final Logger log = LoggerFactory.getLogger(Loop.class);

    private final Semaphore wakeups = new Semaphore(0);
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;

    private Loop(String name, Consumer<Loop> body) {
        // Virtual: the body spends its life blocked on Redis or PostgreSQL sockets.
        this.thread = Thread.ofVirtual().name(name).unstarted(() -> runGuarded(name, body));
    }

    static Loop start(String name, Consumer<Loop> body) {
        Loop loop = new Loop(name, body);
        loop.thread.start();
        return loop;
    }

    boolean running() {
        return running;
    }

    boolean alive() {
        return thread.isAlive();
    }

    void wake() {
        if (wakeups.availablePermits() == 0) {
            wakeups.release();
        }
    }

    /** Waits up to {@code timeout}, or until woken or stopped. */
    void await(Duration timeout) {
        try {
            if (wakeups.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                wakeups.drainPermits();
            }
        } catch (InterruptedException e) {
            interrupted();
        }
    }

    /** Waits up to {@code timeout}, or until stopped. */
    void pause(Duration timeout) {
        try {
            stopping.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            interrupted();
        }
    }

    void signalStop() {
        running = false;
        stopping.countDown();
        wakeups.release();
    }

    /** Waits for the body to finish; interrupts it (and says so) only if it overruns {@code timeout}. */
    void awaitStopped(Duration timeout) {
        try {
            if (!thread.join(timeout)) {
                log.warn("{} did not finish within {}; interrupting it", thread.getName(), timeout);
                thread.interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void interrupted() {
        Thread.currentThread().interrupt();
        running = false;
    }

    private void runGuarded(String name, Consumer<Loop> body) {
        try {
            body.accept(this);
        } catch (RuntimeException | Error e) {
            log.error("{} stopped by an unexpected failure", name, e);
            running = false;
        }
    }
}
