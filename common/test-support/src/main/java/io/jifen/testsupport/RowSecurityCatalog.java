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

    /**
     * The one rule every tenant table's policy states (docs/adr/0019): the row's tenant is the connection's, or the
     * connection does declared cross-tenant work. Each service's migration writes it out; this is the copy they are
     * compared with. Each setting is read in a scalar subquery, so PostgreSQL reads it once per statement rather than
     * once per row it checks.
     */
    public static final String TENANT_RULE =
            "tenant_id = (select nullif(current_setting('jifen.tenant_id', true), '')::uuid)"
            + " or (select current_setting('jifen.all_tenants', true) = 'on')";

    /**
     * Policies of the connection's schema (as {@code table.policy}) other than one permissive {@code tenant_rows}
     * policy for every command and role whose condition and check are both {@link #TENANT_RULE}, compared as
     * PostgreSQL itself prints them: a migration whose copy of the rule drifted shows up here. Leaves nothing behind
     * (the reference policy is made on a temporary table in a transaction that is rolled back).
     */
    public static List<String> policiesOtherThanTheTenantRule(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("create temporary table jifen_reference_rule (tenant_id uuid) on commit drop");
            statement.execute("create policy tenant_rows on jifen_reference_rule using (" + TENANT_RULE
                    + ") with check (" + TENANT_RULE + ")");
            return strings(connection, """
                    with reference as (
                        select pg_get_expr(polqual, polrelid) as qual, pg_get_expr(polwithcheck, polrelid) as checked
                        from pg_policy where polrelid = 'jifen_reference_rule'::regclass)
                    select c.relname || '.' || p.polname
                    from pg_policy p join pg_class c on c.oid = p.polrelid
                    join pg_namespace n on n.oid = c.relnamespace, reference r
                    where n.nspname = current_schema()
                      and (p.polname <> 'tenant_rows' or p.polcmd <> '*' or not p.polpermissive
                           or p.polroles <> array[0::oid]
                           or pg_get_expr(p.polqual, p.polrelid) is distinct from r.qual
                           or pg_get_expr(p.polwithcheck, p.polrelid) is distinct from r.checked)
                    order by 1""");
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
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
