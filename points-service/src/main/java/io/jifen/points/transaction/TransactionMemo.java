package io.jifen.points.transaction;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Values remembered for the current database transaction only: what a purchase would otherwise ask PostgreSQL again
 * and again in one transaction (the tenant's settings, the balance of an account it has already locked). Keyed by
 * the transaction's connection holder, so a transaction suspended for another never sees the other's values, and
 * dropped when the transaction completes. Outside a transaction nothing is remembered.
 */
@Component
public class TransactionMemo {

    private final DataSource dataSource;

    TransactionMemo(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The value under {@code name} in this transaction, computed by {@code compute} the first time. */
    @SuppressWarnings("unchecked")
    public <T> T get(String name, Supplier<T> compute) {
        Map<String, Object> values = values();
        if (values == null) {
            return compute.get();
        }
        Object value = values.get(name);
        if (value == null) {
            value = compute.get();
            values.put(name, value);
        }
        return (T) value;
    }

    /** Replaces (or, with {@code null}, forgets) the value under {@code name} in this transaction. */
    public void put(String name, Object value) {
        Map<String, Object> values = values();
        if (values != null) {
            if (value == null) {
                values.remove(name);
            } else {
                values.put(name, value);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> values() {
        Object holder = TransactionSynchronizationManager.getResource(dataSource);
        if (holder == null || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        Map<String, Object> values = (Map<String, Object>) TransactionSynchronizationManager.getResource(holder);
        if (values == null) {
            Map<String, Object> fresh = new HashMap<>();
            TransactionSynchronizationManager.bindResource(holder, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(holder);
                }
            });
            values = fresh;
        }
        return values;
    }
}
