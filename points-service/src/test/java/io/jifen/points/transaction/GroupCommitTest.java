package io.jifen.points.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    /** Requests are "identity/name"; alone answers "alone:name@thread", a group "group:name". */
    private static final class Recorder implements GroupCommit.Work<String, String> {

        final List<List<String>> groups = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch holdFirst = new CountDownLatch(1);
        final CountDownLatch firstRunning = new CountDownLatch(1);
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostRunning = new AtomicInteger();
        volatile boolean failGroups;
        volatile String leaveOut;

        @Override
        public String alone(String request) {
            enter();
            try {
                if (request.endsWith("/first")) {
                    firstRunning.countDown();
                    await(holdFirst);
                }
                if (request.endsWith("/throws")) {
                    throw new IllegalArgumentException("refused " + request);
                }
                return "alone:" + name(request) + "@" + Thread.currentThread().getName();
            } finally {
                running.decrementAndGet();
            }
        }

        @Override
        public List<String> together(List<String> requests) {
            enter();
            try {
                groups.add(requests.stream().map(Recorder::name).toList());
                if (failGroups) {
                    throw new IllegalStateException("deadlock detected");
                }
                return requests.stream().map(r -> name(r).equals(leaveOut) ? null : "group:" + name(r)).toList();
            } finally {
                running.decrementAndGet();
            }
        }

        private void enter() {
            mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        }

        static String name(String request) {
            return request.substring(request.indexOf('/') + 1);
        }

        private static void await(CountDownLatch latch) {
            try {
                assertThat(latch.await(20, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static GroupCommit<String, String> commit(int maxSize, int maxInFlight, Recorder work) {
        Function<String, String> identity = request -> request.substring(0, request.indexOf('/'));
        return new GroupCommit<>(maxSize, maxInFlight, identity, work);
    }

    /** Submits on a thread named after the request; answers its future result. */
    private CompletableFuture<String> submit(GroupCommit<String, String> commit, String lane, String request) {
        return CompletableFuture.supplyAsync(() -> {
            Thread.currentThread().setName("caller-" + Recorder.name(request));
            return commit.submit(lane, request);
        }, threads);
    }

    /** Starts "first", which holds the lane's only slot until released, then queues {@code others} in order. */
    private Map<String, CompletableFuture<String>> queueBehindFirst(GroupCommit<String, String> commit,
            Recorder work, String... others) throws InterruptedException {
        Map<String, CompletableFuture<String>> results = new ConcurrentHashMap<>();
        results.put("first", submit(commit, "a", "f/first"));
        assertThat(work.firstRunning.await(20, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < others.length; i++) {
            results.put(Recorder.name(others[i]), submit(commit, "a", others[i]));
            int queued = i + 1;
            await().atMost(Duration.ofSeconds(20)).until(commit::waiting, waiting -> waiting == queued);
        }
        return results;
    }

    @Test
    void shouldRunALoneRequestAloneOnItsOwnThreadAtOnce() {
        Recorder work = new Recorder();
        GroupCommit<String, String> commit = commit(10, 1, work);

        assertThat(commit.submit("a", "x/one")).isEqualTo("alone:one@" + Thread.currentThread().getName());
        assertThat(work.groups).isEmpty();
        assertThat(commit.waiting()).isZero();
    }

    @Test
    void shouldTakeEverythingThatWaitedIntoOneGroupWhenASlotFrees() throws Exception {
        Recorder work = new Recorder();
        GroupCommit<String, String> commit = commit(10, 1, work);
        Map<String, CompletableFuture<String>> results = queueBehindFirst(commit, work, "1/b", "2/c", "3/d", "4/e");

        work.holdFirst.countDown();

        assertThat(results.get("first").get(20, TimeUnit.SECONDS)).startsWith("alone:first@caller-first");
        for (String name : List.of("b", "c", "d", "e")) {
            assertThat(results.get(name).get(20, TimeUnit.SECONDS)).isEqualTo("group:" + name);
        }
        assertThat(work.groups).containsExactly(List.of("b", "c", "d", "e"));
        assertThat(work.mostRunning.get()).isEqualTo(1);
    }

    @Test
    void shouldNeverPutTwoRequestsWithOneIdentityInOneGroup() throws Exception {
        Recorder work = new Recorder();
        GroupCommit<String, String> commit = commit(10, 1, work);
        Map<String, CompletableFuture<String>> results = queueBehindFirst(commit, work, "k/b", "j/c", "k/d", "k/e",
                "i/g");

        work.holdFirst.countDown();

        assertThat(results.get("b").get(20, TimeUnit.SECONDS)).isEqualTo("group:b");
        assertThat(results.get("d").get(20, TimeUnit.SECONDS)).isEqualTo("alone:d@caller-d");
        assertThat(results.get("e").get(20, TimeUnit.SECONDS)).isEqualTo("alone:e@caller-e");
        assertThat(work.groups).containsExactly(List.of("b", "c", "g"));
    }

    @Test
    void shouldKeepGroupsWithinTheirMostSizeAndTheLaneWithinItsSlots() throws Exception {
        Recorder work = new Recorder();
        GroupCommit<String, String> commit = commit(3, 1, work);
        Map<String, CompletableFuture<String>> results = queueBehindFirst(commit, work, "1/b", "2/c", "3/d", "4/e",
                "5/g");

        work.holdFirst.countDown();

        for (String name : List.of("b", "c", "d", "e", "g")) {
            assertThat(results.get(name).get(20, TimeUnit.SECONDS)).isEqualTo("group:" + name);
        }
        assertThat(work.groups).containsExactly(List.of("b", "c", "d"), List.of("e", "g"));
        assertThat(work.mostRunning.get()).isEqualTo(1);
    }

    @Test
    void shouldRunEveryRequestAloneOnItsOwnThreadWhenTheGroupFails() throws Exception {
        Recorder work = new Recorder();
        work.failGroups = true;
        GroupCommit<String, String> commit = commit(10, 1, work);
        Map<String, CompletableFuture<String>> results = queueBehindFirst(commit, work, "1/b", "2/c", "3/throws");

        work.holdFirst.countDown();

        assertThat(results.get("b").get(20, TimeUnit.SECONDS)).isEqualTo("alone:b@caller-b");
        assertThat(results.get("c").get(20, TimeUnit.SECONDS)).isEqualTo("alone:c@caller-c");
        // What one request throws alone reaches that request's caller only.
        assertThatThrownBy(() -> results.get("throws").get(20, TimeUnit.SECONDS))
                .hasCauseInstanceOf(IllegalArgumentException.class).hasMessageContaining("refused 3/throws");
        assertThat(work.groups).containsExactly(List.of("b", "c", "throws"));
    }

    @Test
    void shouldRunAloneARequestTheGroupLeftOut() throws Exception {
        Recorder work = new Recorder();
        work.leaveOut = "c";
        GroupCommit<String, String> commit = commit(10, 1, work);
        Map<String, CompletableFuture<String>> results = queueBehindFirst(commit, work, "1/b", "2/c");

        work.holdFirst.countDown();

        assertThat(results.get("b").get(20, TimeUnit.SECONDS)).isEqualTo("group:b");
        assertThat(results.get("c").get(20, TimeUnit.SECONDS)).isEqualTo("alone:c@caller-c");
    }

    @Test
    void shouldNotMakeOneLaneWaitForAnother() throws Exception {
        Recorder work = new Recorder();
        GroupCommit<String, String> commit = commit(10, 1, work);
        CompletableFuture<String> first = submit(commit, "a", "f/first");
        assertThat(work.firstRunning.await(20, TimeUnit.SECONDS)).isTrue();

        String other = submit(commit, "b", "x/other").get(20, TimeUnit.SECONDS);

        assertThat(other).isEqualTo("alone:other@caller-other");
        assertThat(first).isNotDone();
        work.holdFirst.countDown();
        assertThat(first.get(20, TimeUnit.SECONDS)).startsWith("alone:first");
    }

    @Test
    void shouldRefuseSizesBelowOne() {
        assertThatThrownBy(() -> commit(0, 1, new Recorder())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> commit(1, 0, new Recorder())).isInstanceOf(IllegalArgumentException.class);
    }
}
