package io.jifen.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What PostgreSQL's catalog says about a service's row security (docs/adr/0019), for the services' own tests: which
 * tenant tables escape it, and whether the role a connection logs in as is bound by it at all.
 */
public final class RowSecurityCatalog {

    private RowSecurityCatalog() {
    }

    /**
     * Tables of the connection's schema with a {@code tenant_id} column but without forced row security and a
     * policy. The event library's {@code outbox} and {@code processed_event} are left out on purpose: the relay
     * publishes every tenant's events.
     */
    public static List<String> unboundTenantTables(Connection connection) throws SQLException {
        return strings(connection, """
                select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = current_schema() and c.relkind = 'r'
                  and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id'
                              and not a.attisdropped)
                  and c.relname not in ('outbox', 'processed_event')
                  and not (c.relrowsecurity and c.relforcerowsecurity
                           and exists (select 1 from pg_policy p where p.polrelid = c.oid))
                order by 1""");
    }

    /** Tables of the connection's schema under forced row security. */
    public static List<String> boundTables(Connection connection) throws SQLException {
        return strings(connection, """
                select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = current_schema() and c.relkind = 'r' and c.relforcerowsecurity order by 1""");
    }

    /** Whether the connection's role passes every policy (a superuser, or a role with BYPASSRLS). */
    public static boolean bypassesRowSecurity(Connection connection) throws SQLException {
        return strings(connection, """
                select (rolsuper or rolbypassrls)::text from pg_roles where rolname = current_user""")
                .equals(List.of("true"));
    }

    /** Tables of the connection's schema that its role owns (an owner may turn row security off). */
    public static List<String> ownedTables(Connection connection) throws SQLException {
        return strings(connection, """
                select tablename from pg_tables where schemaname = current_schema() and tableowner = current_user
                order by 1""");
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        List<String> result = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                result.add(rows.getString(1));
            }
        }
        return result;
    }
}
