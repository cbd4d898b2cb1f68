package io.jifen.tenancy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;

/**
 * Migrations as the owner of the tables, the running service as another role (docs/adr/0019): the role the service
 * logs in as can read and write rows, under row security, but cannot change a table or its policies.
 * <p>
 * Flyway runs with its own credentials ({@code spring.flyway.user}) when they differ from the service's
 * ({@code spring.datasource.username}). Before migrating, the owner grants the service's role the use of the schema
 * and row access (select, insert, update, delete) on every table and sequence it has and will create, including the
 * event library's, which it migrates with the same credentials. Migrations run with {@link AllTenants}, so a
 * migration that changes rows reaches every tenant's.
 */
final class MigrationRoles implements FlywayMigrationStrategy {

    private final String serviceRole;

    MigrationRoles(String serviceRole) {
        this.serviceRole = serviceRole;
    }

    @Override
    public void migrate(Flyway flyway) {
        DataSource owner = flyway.getConfiguration().getDataSource();
        Flyway scoped = owner instanceof RowSecurityDataSource ? flyway
                : new FluentConfiguration(flyway.getConfiguration().getClassLoader())
                        .configuration(flyway.getConfiguration())
                        .dataSource(new RowSecurityDataSource(owner))
                        .load();
        grant(owner);
        AllTenants.run(scoped::migrate);
    }

    private void grant(DataSource owner) {
        if (serviceRole == null || serviceRole.isBlank()) {
            return;
        }
        try (Connection connection = owner.getConnection(); Statement statement = connection.createStatement()) {
            String role = quoted(serviceRole);
            String schema;
            try (ResultSet row = statement.executeQuery("select current_user = " + literal(serviceRole)
                    + ", current_schema()")) {
                row.next();
                if (row.getBoolean(1)) {
                    return;
                }
                schema = quoted(row.getString(2));
            }
            // Existing tables now; tables the owner creates later (these migrations, the event library's) by default.
            statement.execute("grant usage on schema " + schema + " to " + role);
            statement.execute("grant select, insert, update, delete on all tables in schema " + schema + " to "
                    + role);
            statement.execute("grant usage, select on all sequences in schema " + schema + " to " + role);
            statement.execute("alter default privileges in schema " + schema
                    + " grant select, insert, update, delete on tables to " + role);
            statement.execute("alter default privileges in schema " + schema
                    + " grant usage, select on sequences to " + role);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not grant " + serviceRole + " the use of the schema: "
                    + e.getMessage(), e);
        }
    }

    private static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
