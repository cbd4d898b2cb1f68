package io.jifen.points.plugin;

import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * How a running plugin call asks the waiting request thread for state: the request thread owns the transaction
 * and the member's account lock, so it answers reads on its own connection instead of the plugin taking a second
 * one (which, with the pool full of requests waiting on that lock, could never come).
 */
final class HostMailbox {

    /** Put in the queue when the call has ended, however it ended. */
    static final Object DONE = new Object();

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();

    record Read(String key, CompletableFuture<Optional<String>> answer) {
    }

    /** On the plugin's thread: blocks until the request thread has answered (or the call is cancelled). */
    Optional<String> ask(String key) {
        Read read = new Read(key, new CompletableFuture<>());
        queue.add(read);
        try {
            return read.answer().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("The call was cancelled");
        } catch (ExecutionException e) {
            throw new IllegalStateException("The store could not be read");
        }
    }

    void done() {
        queue.add(DONE);
    }

    BlockingQueue<Object> queue() {
        return queue;
    }
}
