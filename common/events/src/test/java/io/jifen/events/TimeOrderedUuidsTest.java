package io.jifen.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TimeOrderedUuidsTest {

    @Test
    void shouldBeAVersion7UuidCarryingItsMillisecond() {
        long millis = 1_796_166_276_970L;

        UUID id = TimeOrderedUuids.at(millis);

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(millis);
    }

    @Test
    void shouldSortByTimeAsPostgreSqlComparesUuids() {
        // PostgreSQL orders uuids bytewise, which is the unsigned order of their hex text.
        UUID earlier = TimeOrderedUuids.at(1_796_166_276_970L);
        UUID later = TimeOrderedUuids.at(1_796_166_276_971L);

        assertThat(earlier.toString()).isLessThan(later.toString());
    }

    @Test
    void shouldNotRepeatWithinOneMillisecond() {
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(TimeOrderedUuids.at(1_796_166_276_970L));
        }

        assertThat(ids).hasSize(100_000);
    }

    @Test
    void shouldNotHandTheSameRandomBitsToTwoThreads() throws InterruptedException {
        // Eight threads drawing at once from the shared pool, through many refills: a bit handed out twice would
        // repeat an id (same millisecond, same random bits).
        Set<UUID> ids = ConcurrentHashMap.newKeySet();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = IntStream.range(0, 8).mapToObj(t -> Thread.ofPlatform().start(() -> {
            try {
                start.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (int i = 0; i < 20_000; i++) {
                ids.add(TimeOrderedUuids.at(1_796_166_276_970L));
            }
        })).toList();
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(ids).hasSize(160_000);
    }
}
