package io.jifen.points.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.jifen.infra.Postgres;
import io.jifen.testsupport.TestInfra;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.Oid;

/**
 * {@link SqlArray} columns as PostgreSQL reads them back, element for element, nulls and awkward text included: sent
 * in binary (uuid[] too, on a connection that sends it in binary, as points-service's data source does) and, for
 * uuid[] on a connection that does not, as text.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqlArrayIT {

    private static final UUID FIRST = UUID.fromString("0192f3a4-5b6c-7d8e-9fa0-b1c2d3e4f506");
    private static final UUID HIGH_BITS = UUID.fromString("ffffffff-ffff-7fff-bfff-ffffffffffff");

    private String url;

    @BeforeAll
    void database() {
        url = TestInfra.newDatabase("sqlarray");
    }

    private Connection connect(boolean uuidArraysInBinary) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", Postgres.SUPERUSER);
        if (uuidArraysInBinary) {
            properties.setProperty("binaryTransferEnable", "UUID_ARRAY");
        }
        return DriverManager.getConnection(url, properties);
    }

    @Test
    void shouldSendUuidArraysInBinaryWhereTheConnectionAllowsIt() throws SQLException {
        try (Connection binary = connect(true); Connection text = connect(false)) {
            assertThat(binary.unwrap(BaseConnection.class).binaryTransferSend(Oid.UUID_ARRAY)).isTrue();
            assertThat(text.unwrap(BaseConnection.class).binaryTransferSend(Oid.UUID_ARRAY)).isFalse();
        }
    }

    @Test
    void shouldReadEveryUuidBackEitherWay() throws SQLException {
        List<UUID> uuids = new ArrayList<>(Arrays.asList(FIRST, null, HIGH_BITS, new UUID(0, 0), UUID.randomUUID()));
        for (boolean binary : new boolean[] {true, false}) {
            try (Connection connection = connect(binary)) {
                assertThat(roundTrip(connection, "uuid", uuids, UUID.class)).as("binary " + binary)
                        .containsExactlyElementsOf(uuids);
                assertThat(roundTrip(connection, "uuid", List.of(), UUID.class)).isEmpty();
            }
        }
    }

    @Test
    void shouldReadEveryTextNumberAndFlagBack() throws SQLException {
        List<String> texts = Arrays.asList("plain", "", null, "NULL", "with \"quotes\", commas, {braces}",
                "back\\slash", " padded ", "积分 2026-12-07T09:00:00.123456Z", "12.50");
        List<Long> longs = Arrays.asList(0L, -1L, null, Long.MAX_VALUE, Long.MIN_VALUE);
        List<Integer> ints = Arrays.asList(7, null, Integer.MIN_VALUE);
        List<Boolean> flags = Arrays.asList(true, null, false);
        try (Connection connection = connect(true)) {
            assertThat(roundTrip(connection, "text", texts, String.class)).containsExactlyElementsOf(texts);
            assertThat(roundTrip(connection, "int8", longs, Long.class)).containsExactlyElementsOf(longs);
            assertThat(roundTrip(connection, "int4", ints, Integer.class)).containsExactlyElementsOf(ints);
            assertThat(roundTrip(connection, "bool", flags, Boolean.class)).containsExactlyElementsOf(flags);
        }
    }

    /** Binds {@code values} as one array parameter and reads its elements back in order. */
    private static <T> List<T> roundTrip(Connection connection, String type, List<?> values, Class<T> as)
            throws SQLException {
        List<T> back = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select v from unnest(?::" + type + "[]) with ordinality as a(v, n) order by n")) {
            SqlArray.bind(SqlArray.of(type, values)).setValues(select);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    back.add(rows.getObject(1, as));
                }
            }
        }
        return back;
    }
}
