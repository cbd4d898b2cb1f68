package io.jifen.points.transaction;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.UUID;
import java.util.function.Function;
import org.postgresql.util.PGBinaryObject;
import org.postgresql.util.PGobject;
import org.springframework.jdbc.core.PreparedStatementSetter;

/**
 * A column of many rows bound as one PostgreSQL array parameter, so many rows are written by one statement
 * ({@code insert … select … from unnest(?::uuid[], ?::text[], …)}) with one fixed, cached SQL text, whatever the
 * number of rows.
 * <p>
 * Arrays go in PostgreSQL's binary array format, not as text: a batch of 500 purchases binds tens of thousands of
 * elements, and as text the driver escaped each one and PostgreSQL parsed each one back ({@code array_in}, 6 % of the
 * database's CPU under bulk earning; the driver's escaping, 12 % of points-service's). The driver sends {@code int8},
 * {@code int4}, {@code bool} and {@code text} arrays in binary itself; {@code uuid} arrays it sends only as text, so
 * they go as a {@link UuidArray}, binary where the connection sends {@code uuid[]} in binary (points-service's data
 * source does: {@code binaryTransferEnable}), as text elsewhere.
 *
 * @param type the element type as PostgreSQL names it ({@code uuid}, {@code text}, {@code int8}, {@code int4},
 *             {@code bool}); times and amounts go as {@code text} and are cast in the statement, so neither the
 *             JVM's zone nor a decimal's notation can change them. Text elements are sent as {@code varchar[]}, which
 *             the statement's {@code ::text[]} relabels.
 */
public record SqlArray(String type, Object[] values) {

    public static SqlArray of(String type, Collection<?> values) {
        return new SqlArray(type, values.toArray());
    }

    /** One column of {@code rows}: {@code value} of each, in their order. */
    public static <T> SqlArray column(String type, Collection<T> rows, Function<? super T, ?> value) {
        return new SqlArray(type, rows.stream().map(value).toArray());
    }

    /** Binds each parameter in order: a {@link SqlArray} as an array, anything else as itself. */
    public static PreparedStatementSetter bind(Object... parameters) {
        return statement -> {
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i] instanceof SqlArray array) {
                    array.bindTo(statement, i + 1);
                } else {
                    statement.setObject(i + 1, parameters[i]);
                }
            }
        };
    }

    private void bindTo(PreparedStatement statement, int index) throws SQLException {
        switch (type) {
            case "int8" -> {
                Long[] longs = new Long[values.length];
                for (int i = 0; i < values.length; i++) {
                    longs[i] = values[i] == null ? null : ((Number) values[i]).longValue();
                }
                statement.setObject(index, longs);
            }
            case "int4" -> {
                Integer[] ints = new Integer[values.length];
                for (int i = 0; i < values.length; i++) {
                    ints[i] = values[i] == null ? null : Math.toIntExact(((Number) values[i]).longValue());
                }
                statement.setObject(index, ints);
            }
            case "bool" -> {
                Boolean[] booleans = new Boolean[values.length];
                for (int i = 0; i < values.length; i++) {
                    booleans[i] = (Boolean) values[i];
                }
                statement.setObject(index, booleans);
            }
            case "text" -> {
                String[] strings = new String[values.length];
                for (int i = 0; i < values.length; i++) {
                    strings[i] = values[i] == null ? null : values[i].toString();
                }
                statement.setObject(index, strings);
            }
            case "uuid" -> {
                UUID[] uuids = new UUID[values.length];
                for (int i = 0; i < values.length; i++) {
                    uuids[i] = (UUID) values[i];
                }
                statement.setObject(index, new UuidArray(uuids));
            }
            default -> statement.setArray(index, statement.getConnection().createArrayOf(type, values));
        }
    }

    /**
     * A one-dimensional {@code uuid[]} (nulls allowed) in PostgreSQL's binary array format: dimensions, a has-nulls
     * flag, the element type, length and lower bound, then each element as its length (16, or -1 for null) and its
     * 16 bytes, big-endian.
     */
    static final class UuidArray extends PGobject implements PGBinaryObject {

        private static final int UUID_OID = 2950;

        private final UUID[] uuids;

        UuidArray(UUID[] uuids) {
            this.uuids = uuids;
            this.type = "uuid[]";
        }

        @Override
        public int lengthInBytes() {
            int length = 20;
            for (UUID uuid : uuids) {
                length += uuid == null ? 4 : 20;
            }
            return length;
        }

        @Override
        public void toBytes(byte[] bytes, int offset) {
            boolean nulls = false;
            for (UUID uuid : uuids) {
                nulls |= uuid == null;
            }
            int at = putInt(bytes, offset, 1);
            at = putInt(bytes, at, nulls ? 1 : 0);
            at = putInt(bytes, at, UUID_OID);
            at = putInt(bytes, at, uuids.length);
            at = putInt(bytes, at, 1);
            for (UUID uuid : uuids) {
                if (uuid == null) {
                    at = putInt(bytes, at, -1);
                } else {
                    at = putInt(bytes, at, 16);
                    at = putLong(bytes, at, uuid.getMostSignificantBits());
                    at = putLong(bytes, at, uuid.getLeastSignificantBits());
                }
            }
        }

        @Override
        public void setByteValue(byte[] value, int offset) {
            throw new UnsupportedOperationException("A uuid[] parameter is only ever sent");
        }

        /** The text form, for a connection that sends {@code uuid[]} as text. */
        @Override
        public String getValue() {
            StringBuilder text = new StringBuilder(2 + uuids.length * 37).append('{');
            for (int i = 0; i < uuids.length; i++) {
                text.append(i == 0 ? "" : ",").append(uuids[i] == null ? "NULL" : uuids[i].toString());
            }
            return text.append('}').toString();
        }

        private static int putInt(byte[] bytes, int at, int value) {
            bytes[at] = (byte) (value >>> 24);
            bytes[at + 1] = (byte) (value >>> 16);
            bytes[at + 2] = (byte) (value >>> 8);
            bytes[at + 3] = (byte) value;
            return at + 4;
        }

        private static int putLong(byte[] bytes, int at, long value) {
            putInt(bytes, at, (int) (value >>> 32));
            return putInt(bytes, at + 4, (int) value);
        }
    }
}
