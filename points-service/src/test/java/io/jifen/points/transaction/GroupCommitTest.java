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
        final CountDownLatch holdReleased = new CountDownLatch(1);
        final CountDownLatch releasedRunning = new CountDownLatch(1);
        volatile boolean failGroups;
        volatile String leaveOut;
        // A group with this request hands its slot on, then holds it until holdReleased opens.
        volatile String releaseEarly;
        final CountDownLatch holdAlone = new CountDownLatch(1);
        final CountDownLatch aloneRunning = new CountDownLatch(1);
        // This request, run alone, holds until holdAlone opens.
        volatile String holdAloneOf;

        @Override
        public String alone(String request) {
            enter();
            try {
                if (request.endsWith("/first")) {
                    firstRunning.countDown();
                    await(holdFirst);
                }
                if (name(request).equals(holdAloneOf)) {
                    aloneRunning.countDown();
                    await(holdAlone);
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
        public List<String> together(List<String> requests, Runnable release) {
            enter();
            try {
                groups.add(requests.stream().map(Recorder::name).toList());
                if (requests.stream().map(Recorder::name).anyMatch(name -> name.equals(releaseEarly))) {
                    release.run();
                    release.run();
                    releasedRunning.countDown();
                    await(holdReleased);
                }
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
            results.put(Recorder.name(others[i]), queue(commit, others[i], i + 1));
        }
        return results;
    }

    /** Submits {@code request} in lane "a" and waits until {@code waiting} requests wait there (it among them). */
    private CompletableFuture<String> queue(GroupCommit<String, String> commit, String request, int waiting) {
        CompletableFuture<String> result = submit(commit, "a", request);
        await().atMost(Duration.ofSeconds(20)).until(commit::waiting, queued -> queued == waiting);
        return result;
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
    void shouldLetTheNextGroupBeginOnceAGroupHandsItsSlotOn() throws Exception {
        Recorder work = new Recorder();
        work.releaseEarly = "b";
        GroupCommit<String, String> commit = commit(2, 1, work);
        Map<String, CompletableFuture<String>> results = queueBehindFirst(commit, work, "1/b", "2/c", "3/d", "4/e");

        work.holdFirst.countDown();
        assertThat(work.releasedRunning.await(20, TimeUnit.SECONDS)).isTrue();

        // [b, c] handed its slot on (twice: the second call changes nothing) and still runs; [d, e] runs and finishes.
        assertThat(results.get("d").get(20, TimeUnit.SECONDS)).isEqualTo("group:d");
        assertThat(results.get("e").get(20, TimeUnit.SECONDS)).isEqualTo("group:e");
        assertThat(results.get("b")).isNotDone();
        assertThat(work.mostRunning.get()).isEqualTo(2);
        work.holdReleased.countDown();
        assertThat(results.get("b").get(20, TimeUnit.SECONDS)).isEqualTo("group:b");
        assertThat(results.get("c").get(20, TimeUnit.SECONDS)).isEqualTo("group:c");
        assertThat(work.groups).containsExactly(List.of("b", "c"), List.of("d", "e"));
        // The slot is free again, and once only: a new request runs alone at once.
        assertThat(commit.submit("a", "9/z")).startsWith("alone:z");
    }

    @Test
    void shouldHoldARequestBackWhileItsIdentityIsInAGroupThatHandedItsSlotOn() throws Exception {
        Recorder work = new Recorder();
        work.releaseEarly = "b";
        GroupCommit<String, String> commit = commit(10, 1, work);
        Map<String, CompletableFuture<String>> results = queueBehindFirst(commit, work, "k/b", "j/c");

        work.holdFirst.countDown();
        assertThat(work.releasedRunning.await(20, TimeUnit.SECONDS)).isTrue();
        // The slot is free, but k is still in [b, c]: a request with it waits, and one behind it leads without it.
        CompletableFuture<String> again = queue(commit, "k/again", 1);
        assertThat(submit(commit, "a", "i/other").get(20, TimeUnit.SECONDS)).startsWith("alone:other");
        assertThat(again).isNotDone();

        work.holdReleased.countDown();

        assertThat(results.get("b").get(20, TimeUnit.SECONDS)).isEqualTo("group:b");
        assertThat(again.get(20, TimeUnit.SECONDS)).isEqualTo("alone:again@caller-again");
        assertThat(work.groups).containsExactly(List.of("b", "c"));
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
    void shouldHoldARequestBackWhileOneWithItsIdentityRunsAloneAfterItsGroupFailed() throws Exception {
        Recorder work = new Recorder();
        work.failGroups = true;
        work.holdAloneOf = "b";
        GroupCommit<String, String> commit = commit(10, 1, work);
        Map<String, CompletableFuture<String>> results = queueBehindFirst(commit, work, "k/b", "j/c");

        work.holdFirst.countDown();
        assertThat(work.aloneRunning.await(20, TimeUnit.SECONDS)).isTrue();
        // The slot is free, but b (key k) still runs alone: a request with k waits instead of meeting it.
        CompletableFuture<String> again = queue(commit, "k/again", 1);
        assertThat(again).isNotDone();

        work.holdAlone.countDown();

        assertThat(results.get("b").get(20, TimeUnit.SECONDS)).isEqualTo("alone:b@caller-b");
        assertThat(again.get(20, TimeUnit.SECONDS)).isEqualTo("alone:again@caller-again");
        assertThat(commit.waiting()).isZero();
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
