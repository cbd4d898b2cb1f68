package io.jifen.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresAndRedisTest {

    @TempDir
    Path temp;

    @Test
    void shouldStartPostgresKeepItsDataAcrossRestartsAndStopItByPid() throws Exception {
        Path data = Files.createDirectories(temp.resolve("pg"));
        Dist.makeReadableByAll(temp);
        int port = Proc.freePort();
        Postgres first = Postgres.start(Dist.sharedCache(), data, port, temp.resolve("pg.log"), false, Map.of("fsync", "off"));
        first.ensureRole("app", "secret");
        first.ensureDatabase("kept", "app");
        first.execute("kept", "CREATE TABLE t (v int); INSERT INTO t VALUES (42)");
        first.stop();
        assertThat(first.process().isAlive()).isFalse();
        assertThat(Proc.portOpen(port)).isFalse();

        Postgres second = Postgres.start(Dist.sharedCache(), data, port, temp.resolve("pg.log"), false, Map.of());
        try (Connection connection = second.connect("kept");
             ResultSet rows = connection.createStatement().executeQuery("SELECT v FROM t")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(42);
        } finally {
            second.stop();
        }
    }

    @Test
    void shouldStartRedisAnswerPingAndStop() {
        int port = Proc.freePort();
        Redis redis = Redis.start(Dist.sharedCache(), temp.resolve("redis"), port, temp.resolve("redis.log"), false, false);
        assertThat(redis.isReady()).isTrue();
        redis.stop();
        assertThat(Redis.ping(port)).isFalse();
    }
}
