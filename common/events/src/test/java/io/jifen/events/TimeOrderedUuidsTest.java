package io.jifen.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
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
}
