package io.jifen.points.transaction;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for requests that each would be a transaction of their own: concurrent requests of one lane (a
 * tenant) that arrive while the lane already has {@code maxInFlight} units of work running wait, and the one that
 * has waited longest, when a slot frees, takes the others along in their order of arrival, up to
 * {@code maxGroupSize}, into one unit of work:
 * {@link Work#together}, usually one transaction with set-based statements. Nobody waits for a group to fill:
 * below that many concurrent requests each runs {@link Work#alone} at once, exactly as without this class, and under
 * load the groups grow by themselves to what arrived while the last ones ran. See
 * docs/adr/0014-group-commit-of-single-purchases.md.
 * <p>
 * Every request's work runs on a thread of the lane (the one that leads its group), and {@link Work#alone} only ever
 * on the request's own thread, so an exception it throws reaches its caller as it is. When {@code together} throws,
 * none of its results count (its transaction rolled back) and each of its requests runs alone on its own thread, so a
 * failure that belongs to one request is answered to that request only. Two requests with the same
 * {@code identity} (an Idempotency-Key) are never in one group: the later one waits for a later group, as it would
 * have run after the first.
 * <p>
 * A group may hand its slot on before it has finished ({@link Work#together}'s {@code release}, called just before
 * its commit): the next group then assembles and begins while this one commits, instead of after its leader has
 * answered and the next leader's thread has been scheduled. A request whose identity is in such a group still waits
 * for a group after it has finished (or, sent back to run alone, after that run). See
 * docs/adr/0030-a-group-hands-its-slot-on-before-its-commit.md.
 *
 * @param <T> a request
 * @param <R> its result
 */
public final class GroupCommit<T, R> {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    /** The work for one request alone, or for a group of them. */
    public interface Work<T, R> {

        /** Runs {@code request} by itself, on its caller's thread. */
        R alone(T request);

        /**
         * Runs the group as one unit of work and answers one result per request, in order, {@code null} for a request
         * to run {@link #alone} after it; when it throws, nothing of it took effect and every request runs alone.
         * It may call {@code release} (once or more, on any thread) when what is left of it need not keep the next
         * group waiting, such as its commit; otherwise the slot frees when it returns.
         */
        List<R> together(List<T> requests, Runnable release);
    }

    private final int maxGroupSize;
    private final int maxInFlight;
    private final Function<T, ?> identity;
    private final Work<T, R> work;
    private final ConcurrentMap<Object, Lane<T, R>> lanes = new ConcurrentHashMap<>();

    public GroupCommit(int maxGroupSize, int maxInFlight, Function<T, ?> identity, Work<T, R> work) {
        if (maxGroupSize < 1 || maxInFlight < 1) {
            throw new IllegalArgumentException("maxGroupSize and maxInFlight are at least 1");
        }
        this.maxGroupSize = maxGroupSize;
        this.maxInFlight = maxInFlight;
        this.identity = Objects.requireNonNull(identity, "identity");
        this.work = Objects.requireNonNull(work, "work");
    }

    /** Runs {@code request} in {@code lane}, alone or in a group, and answers its result. */
    public R submit(Object lane, T request) {
        Lane<T, R> queue = lanes.computeIfAbsent(lane, key -> new Lane<>(maxInFlight, identity));
        Entry<T, R> mine = new Entry<>(request, queue.lock.newCondition());
        List<Entry<T, R>> group;
        queue.lock.lock();
        try {
            queue.waiting.add(mine);
            while (true) {
                if (mine.state == State.DONE) {
                    return mine.result;
                }
                if (mine.state == State.ALONE) {
                    group = null;
                    break;
                }
                // Only the longest-waiting request that may lead leads, whichever waiting thread wakes first.
                if (mine.state == State.WAITING && queue.inFlight < maxInFlight && queue.nextLeader() == mine) {
                    queue.inFlight++;
                    group = queue.take(mine, maxGroupSize);
                    // Another slot may be free: the request that may lead next may do so at once.
                    queue.wakeNextLeader();
                    break;
                }
                mine.wake.awaitUninterruptibly();
            }
        } finally {
            queue.lock.unlock();
        }
        if (group == null) {
            return alone(queue, mine);
        }
        return lead(queue, mine, group);
    }

    /** Runs a request its group sent back alone; its identity stays busy until then. */
    private R alone(Lane<T, R> queue, Entry<T, R> mine) {
        try {
            return work.alone(mine.request);
        } finally {
            queue.leave(mine);
        }
    }

    private R lead(Lane<T, R> queue, Entry<T, R> mine, List<Entry<T, R>> entries) {
        Group<T, R> group = new Group<>(entries);
        if (entries.size() == 1) {
            try {
                return work.alone(mine.request);
            } finally {
                queue.finish(group, null);
                queue.leave(mine);
            }
        }
        List<R> results = null;
        try {
            results = work.together(entries.stream().map(entry -> entry.request).toList(),
                    () -> queue.release(group));
            if (results.size() != entries.size()) {
                throw new IllegalStateException(results.size() + " results for " + entries.size() + " requests");
            }
        } catch (RuntimeException | Error failure) {
            results = null;
            log.info("A group of {} failed as a whole ({}); each of its requests runs alone", entries.size(),
                    failure.toString());
            if (failure instanceof Error error) {
                queue.finish(group, null);
                queue.leave(mine);
                throw error;
            }
        }
        queue.finish(group, results);
        return mine.state == State.ALONE ? alone(queue, mine) : mine.result;
    }

    /** How many requests of every lane wait for a group (for metrics and tests). */
    public int waiting() {
        int waiting = 0;
        for (Lane<T, R> queue : lanes.values()) {
            queue.lock.lock();
            try {
                waiting += queue.waiting.size();
            } finally {
                queue.lock.unlock();
            }
        }
        return waiting;
    }

    private enum State { WAITING, TAKEN, DONE, ALONE }

    private static final class Entry<T, R> {

        final T request;
        // Signalled when this request may go on: its group finished, or it waits longest and a slot is free. Only
        // those wake (not every waiting request, which would each take the lane's lock before the next leader).
        final Condition wake;
        State state = State.WAITING;
        R result;

        Entry(T request, Condition wake) {
            this.request = request;
            this.wake = wake;
        }
    }

    /** A group's requests; whether it handed its slot on (under its lane's lock). */
    private static final class Group<T, R> {

        final List<Entry<T, R>> entries;
        boolean released;

        Group(List<Entry<T, R>> entries) {
            this.entries = entries;
        }
    }

    private static final class Lane<T, R> {

        final ReentrantLock lock = new ReentrantLock();
        final ArrayDeque<Entry<T, R>> waiting = new ArrayDeque<>();
        // The identities of the requests in groups that have not finished (those that handed their slot on too) and of
        // requests sent back to run alone that have not yet: none of them joins or leads a group meanwhile.
        final Set<Object> busy = new HashSet<>();
        final int maxInFlight;
        final Function<T, ?> identity;
        int inFlight;

        Lane(int maxInFlight, Function<T, ?> identity) {
            this.maxInFlight = maxInFlight;
            this.identity = identity;
        }

        /**
         * {@code first} (the longest-waiting that may lead) and the others in their order of arrival, none sharing an
         * identity with each other or with an unfinished group; under the lock.
         */
        List<Entry<T, R>> take(Entry<T, R> first, int max) {
            List<Entry<T, R>> group = new ArrayList<>();
            waiting.remove(first);
            first.state = State.TAKEN;
            group.add(first);
            busy.add(identity.apply(first.request));
            for (Iterator<Entry<T, R>> it = waiting.iterator(); it.hasNext() && group.size() < max; ) {
                Entry<T, R> next = it.next();
                if (busy.add(identity.apply(next.request))) {
                    it.remove();
                    next.state = State.TAKEN;
                    group.add(next);
                }
            }
            return group;
        }

        /** The longest-waiting request whose identity no unfinished group holds, if any; under the lock. */
        Entry<T, R> nextLeader() {
            for (Entry<T, R> entry : waiting) {
                if (!busy.contains(identity.apply(entry.request))) {
                    return entry;
                }
            }
            return null;
        }

        /** Wakes the request that leads next, if a slot is free and one waits; under the lock. */
        void wakeNextLeader() {
            Entry<T, R> next = inFlight < maxInFlight ? nextLeader() : null;
            if (next != null) {
                next.wake.signal();
            }
        }

        /** A request sent back to run alone has run: its identity is free again. */
        void leave(Entry<T, R> entry) {
            lock.lock();
            try {
                busy.remove(identity.apply(entry.request));
                wakeNextLeader();
            } finally {
                lock.unlock();
            }
        }

        /** Frees the group's slot before it finishes and wakes the request that leads next. */
        void release(Group<T, R> group) {
            lock.lock();
            try {
                freeSlot(group);
                wakeNextLeader();
            } finally {
                lock.unlock();
            }
        }

        /** Frees the group's slot unless it did already; under the lock. */
        private void freeSlot(Group<T, R> group) {
            if (!group.released) {
                group.released = true;
                inFlight--;
            }
        }

        /**
         * Hands out the group's results ({@code null}: each runs alone), frees its slot if it still holds it, and
         * wakes the request that leads next. The identity of a request sent back to run alone stays busy until it
         * has ({@link #leave}).
         */
        void finish(Group<T, R> group, List<R> results) {
            lock.lock();
            try {
                for (int i = 0; i < group.entries.size(); i++) {
                    Entry<T, R> entry = group.entries.get(i);
                    entry.result = results == null ? null : results.get(i);
                    entry.state = entry.result == null ? State.ALONE : State.DONE;
                    entry.wake.signal();
                    if (entry.state == State.DONE) {
                        busy.remove(identity.apply(entry.request));
                    }
                }
                freeSlot(group);
                wakeNextLeader();
            } finally {
                lock.unlock();
            }
        }
    }
}
