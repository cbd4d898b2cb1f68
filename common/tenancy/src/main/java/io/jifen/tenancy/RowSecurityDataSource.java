package io.jifen.tenancy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Tells PostgreSQL whose rows each connection handed out may see, for the row security policies of the services'
 * tables (docs/adr/0019): {@value #TENANT_SETTING} is the {@link TenantContext}'s tenant, or empty; and
 * {@value #ALL_TENANTS_SETTING} is {@code on} only inside {@link AllTenants} without a tenant. A policy admits a row
 * of that tenant, or any row when all tenants are on, and nothing else.
 * <p>
 * Both are session settings, set when the connection is handed out, so they hold for the whole transaction (the
 * Hibernate session is bound to one tenant when it opens, the same way). A pooled connection keeps them: when it is
 * handed out in autocommit mode (the pool's default) and its last settings, applied in that mode, already match,
 * nothing is sent. A connection handed out inside a transaction is always set again, because a rollback would undo
 * the change.
 */
public class RowSecurityDataSource extends DelegatingDataSource {

    public static final String TENANT_SETTING = "jifen.tenant_id";
    public static final String ALL_TENANTS_SETTING = "jifen.all_tenants";

    private static final String APPLY = "select set_config('" + TENANT_SETTING + "', ?, false), set_config('"
            + ALL_TENANTS_SETTING + "', ?, false)";

    /** What each physical connection was last set to; weak, so a connection the pool closes is forgotten. */
    private final Map<Connection, String> applied = Collections.synchronizedMap(new WeakHashMap<>());

    public RowSecurityDataSource(DataSource target) {
        super(target);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return scoped(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return scoped(super.getConnection(username, password));
    }

    private Connection scoped(Connection connection) throws SQLException {
        try {
            apply(connection);
            return connection;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    private void apply(Connection connection) throws SQLException {
        String tenant = TenantContext.current().map(id -> id.value().toString()).orElse("");
        String allTenants = tenant.isEmpty() && AllTenants.active() ? "on" : "";
        String wanted = tenant + "/" + allTenants;
        Connection physical = connection.isWrapperFor(Connection.class) ? connection.unwrap(Connection.class)
                : connection;
        boolean autoCommit = connection.getAutoCommit();
        if (autoCommit && wanted.equals(applied.get(physical))) {
            return;
        }
        applied.remove(physical);
        try (PreparedStatement statement = connection.prepareStatement(APPLY)) {
            statement.setString(1, tenant);
            statement.setString(2, allTenants);
            statement.execute();
        }
        if (autoCommit) {
            applied.put(physical, wanted);
        }
    }
}
