package io.jifen.points.transaction;

import java.util.Collection;
import java.util.function.Function;
import org.springframework.jdbc.core.PreparedStatementSetter;

/**
 * A column of many rows bound as one PostgreSQL array parameter, so many rows are written by one statement
 * ({@code insert … select … from unnest(?::uuid[], ?::text[], …)}) with one fixed, cached SQL text, whatever the
 * number of rows.
 *
 * @param type the element type as PostgreSQL names it ({@code uuid}, {@code text}, {@code int8}, {@code int4},
 *             {@code bool}); times and amounts go as {@code text} and are cast in the statement, so neither the
 *             JVM's zone nor a decimal's notation can change them
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
                    statement.setArray(i + 1, statement.getConnection().createArrayOf(array.type(), array.values()));
                } else {
                    statement.setObject(i + 1, parameters[i]);
                }
            }
        };
    }
}
