package io.jifen.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuMeterTest {

    @Test
    void namesAPostgresProcessByItsDatabaseOrTask() {
        assertThat(CpuMeter.postgresPart("postgres: jifen_app jifen_points 127.0.0.1(41234) idle"))
                .isEqualTo("jifen_points");
        assertThat(CpuMeter.postgresPart("postgres: jifen_app jifen_member 127.0.0.1(41236) INSERT"))
                .isEqualTo("jifen_member");
        assertThat(CpuMeter.postgresPart("postgres: postgres keycloak [local] idle")).isEqualTo("keycloak");
        assertThat(CpuMeter.postgresPart("postgres: autovacuum worker jifen_points")).isEqualTo("autovacuum");
        assertThat(CpuMeter.postgresPart("postgres: walwriter")).isEqualTo("walwriter");
        assertThat(CpuMeter.postgresPart("postgres: background writer")).isEqualTo("background writer");
        assertThat(CpuMeter.postgresPart("/opt/pg/bin/postgres -D /data -p 15432")).isEqualTo("postmaster");
    }

    @Test
    void countsEachProcessFromItsFirstReadingAndLeavesOutOneThatEnded() {
        Map<Long, CpuMeter.Use> before = Map.of(
                1L, use("jifen_points", 100),
                2L, use("jifen_points", 50),
                3L, use("autovacuum", 400));
        Map<Long, CpuMeter.Use> after = Map.of(
                1L, use("jifen_points", 300),
                2L, use("jifen_points", 90),
                4L, use("autovacuum", 20),
                5L, use("walwriter", 1));

        // Per request of 2: points (200 + 40) / 2, the new worker 20 / 2; the ended worker 3 subtracts nothing and
        // the walwriter's half a microsecond rounds away.
        assertThat(CpuMeter.perRequestByPart(before, after, 2))
                .isEqualTo("postgres: jifen_points 120 µs, postgres: autovacuum 10 µs");
        assertThat(CpuMeter.perRequestByPart(before, after, 0)).isEqualTo("no requests");
    }

    @Test
    void writesCpuPerRequestOfEachProcessWithTheTotal() {
        Map<String, Duration> before = Map.of("gateway", Duration.ofMillis(1), "redis", Duration.ZERO);
        Map<String, Duration> after = new LinkedHashMap<>();
        after.put("gateway", Duration.ofMillis(3_001));
        after.put("redis", Duration.ofNanos(500));

        assertThat(CpuMeter.perRequest(before, after, 2)).isEqualTo("gateway 1,500,000 µs (total 1,500,000 µs)");
    }

    private static CpuMeter.Use use(String part, long micros) {
        return new CpuMeter.Use("postgres: " + part, Duration.ofNanos(micros * 1000));
    }
}
