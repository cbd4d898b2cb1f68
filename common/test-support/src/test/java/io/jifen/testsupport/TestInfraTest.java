package io.jifen.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

class TestInfraTest {

    @Test
    void shouldShareOneRunningPostgresAndHandOutFreshDatabases() throws Exception {
        assertThat(TestInfra.postgres()).isSameAs(TestInfra.postgres());
        String first = TestInfra.newDatabase("shared");
        String second = TestInfra.newDatabase("shared");
        assertThat(first).isNotEqualTo(second);
        try (Connection connection = DriverManager.getConnection(first, "postgres", "");
             ResultSet row = connection.createStatement().executeQuery("SELECT current_database()")) {
            row.next();
            assertThat(first).endsWith("/" + row.getString(1));
        }
    }

    @Test
    void shouldShareOneRedisAndStartSeparateOnesOnRequest() {
        assertThat(TestInfra.redis()).isSameAs(TestInfra.redis());
        var own = TestInfra.newRedis();
        assertThat(own.port()).isNotEqualTo(TestInfra.redis().port());
        own.stop();
        assertThat(own.isReady()).isFalse();
        assertThat(TestInfra.redis().isReady()).isTrue();
    }
}
