package io.jifen.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** What PostgreSQL's catalog says about a service's planner settings (docs/adr/0031), for the services' own tests. */
public final class PlannerCatalog {

    private PlannerCatalog() {
    }

    /**
     * Tables of the connection's schema whose {@code tenant_id} column ANALYZE still samples (its statistics target is
     * not 0): on those, a tenant that was small at the last ANALYZE is planned as if it had no rows. The event
     * library's {@code outbox} and {@code processed_event} are left out: their {@code tenant_id} is a plain column.
     */
    public static List<String> tablesSamplingTenantIds(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("""
                        select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                        join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
                        where n.nspname = current_schema() and c.relkind in ('r', 'p')
                          and c.relname not in ('outbox', 'processed_event')
                          and coalesce(a.attstattarget, -1) <> 0
                        order by 1""")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }
}
