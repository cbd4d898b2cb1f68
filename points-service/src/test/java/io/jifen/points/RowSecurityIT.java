package io.jifen.points;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jifen.tenancy.AllTenants;
import io.jifen.tenancy.TenantContext;
import io.jifen.tenancy.TenantId;
import io.jifen.testsupport.RowSecurityCatalog;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * PostgreSQL's row security under the service's own connections (ARCHITECTURE.md, docs/adr/0019): whatever SQL the
 * service sends, a connection taken for tenant A reads and writes only A's rows; one taken outside any tenant sees
 * none; one taken for declared cross-tenant work sees all. The queries below deliberately leave out the
 * {@code tenant_id} filter every query of the service has, so only the policies stand between the tenants.
 */
class RowSecurityIT extends PointsServiceTestBase {

    @Autowired
    DataSource dataSource;

    @Autowired
    TransactionTemplate transactions;

    /** The service's view: its own data source, its own role. */
    private JdbcTemplate service;

    private Tenant a;
    private Tenant b;

    @BeforeAll
    void twoTenantsWithPoints() {
        service = new JdbcTemplate(dataSource);
        api = new Api(port);
        a = newTenant();
        b = newTenant();
        credit(a, newMember(a), 10);
        credit(a, newMember(a), 20);
        credit(b, newMember(b), 30);
    }

    @Test
    void shouldNotSamplePurchaseTenantsForThePlanner() {
        // docs/adr/0031: a tenant newer than the last ANALYZE must not be planned as owning one purchase.
        assertThat(jdbc.queryForObject("""
                select attstattarget from pg_attribute
                where attrelid = 'purchase'::regclass and attname = 'tenant_id'""", Integer.class)).isZero();
    }

    @Test
    void shouldBindEveryTenantTableAndTheServicesRole() throws SQLException {
        try (Connection own = superuserConnection()) {
            assertThat(RowSecurityCatalog.unboundTenantTables(own))
                    .as("tenant tables without forced row security and a policy").isEmpty();
            assertThat(RowSecurityCatalog.policiesOtherThanTheTenantRule(own))
                    .as("policies whose rule is not the one tenant rule").isEmpty();
            assertThat(RowSecurityCatalog.boundTables(own)).contains("account", "ledger_entry", "lot", "purchase",
                    "redemption", "idempotency_key").hasSizeGreaterThanOrEqualTo(25);
        }
        try (Connection ofTheService = dataSource.getConnection()) {
            assertThat(RowSecurityCatalog.bypassesRowSecurity(ofTheService)).isFalse();
            assertThat(RowSecurityCatalog.ownedTables(ofTheService)).as("tables the service's role owns").isEmpty();
        }
    }

    @Test
    void shouldNoticeAPolicyWhoseCopyOfTheTenantRuleDrifted() throws SQLException {
        try (Connection own = superuserConnection()) {
            own.setAutoCommit(false);
            try (Statement statement = own.createStatement()) {
                statement.execute("create table drifted (tenant_id uuid)");
                // The rule without its cross-tenant clause: a job's AllTenants would silently see nothing here.
                statement.execute("create policy tenant_rows on drifted using "
                        + "(tenant_id = nullif(current_setting('jifen.tenant_id', true), '')::uuid)");
                statement.execute("create table faithful (tenant_id uuid)");
                statement.execute("create policy tenant_rows on faithful using (" + RowSecurityCatalog.TENANT_RULE
                        + ") with check (" + RowSecurityCatalog.TENANT_RULE + ")");
            }
            // The check rolls back what it and this transaction made.
            assertThat(RowSecurityCatalog.policiesOtherThanTheTenantRule(own)).containsExactly("drifted.tenant_rows");
        }
    }

    @Test
    void shouldShowAConnectionOnlyItsTenantsRows() {
        long ofA = countOf(a);
        long ofB = countOf(b);
        assertThat(ofA).isEqualTo(2);
        assertThat(ofB).isEqualTo(1);

        for (int round = 0; round < 3; round++) {
            // The same pooled connections go from tenant to tenant and back.
            assertThat(as(a, () -> count("ledger_entry"))).isEqualTo(ofA);
            assertThat(as(b, () -> count("ledger_entry"))).isEqualTo(ofB);
            assertThat(as(a, () -> service.queryForList("select distinct tenant_id from account", UUID.class)))
                    .containsExactly(a.id());
            assertThat(count("ledger_entry")).as("outside any tenant").isZero();
            assertThat(count("account")).as("outside any tenant").isZero();
        }
        long everyTenant = jdbc.queryForObject("select count(*) from ledger_entry", Long.class);
        assertThat(AllTenants.call(() -> count("ledger_entry"))).isEqualTo(everyTenant).isGreaterThanOrEqualTo(3);
        assertThat(AllTenants.call(() -> as(b, () -> count("ledger_entry"))))
                .as("a tenant inside cross-tenant work sees its own rows").isEqualTo(ofB);
    }

    @Test
    void shouldRefuseToWriteAnotherTenantsRows() {
        long balancesOfB = jdbc.queryForObject("select sum(balance) from account where tenant_id = ?", Long.class,
                b.id());

        assertThat(as(a, () -> service.update("update account set balance = balance + 1000 where tenant_id = ?",
                b.id()))).as("rows of another tenant matched by an update").isZero();
        assertThat(as(a, () -> service.update("delete from ledger_entry where tenant_id = ?", b.id()))).isZero();
        assertThatThrownBy(() -> as(a, () -> service.update(
                """
                insert into custom_event (tenant_id, event_id, type, member_id, request_hash, response)
                values (?, 'e-1', 'x', ?, 'h', '{}')""",
                b.id(), UUID.randomUUID())))
                .rootCause().hasMessageContaining("violates row-level security policy");
        assertThatThrownBy(() -> as(a, () -> transactions.execute(status -> service.update(
                "update account set tenant_id = ? where tenant_id = ?", b.id(), a.id()))))
                .as("moving a row to another tenant").rootCause()
                .hasMessageContaining("violates row-level security policy");

        assertThat(jdbc.queryForObject("select sum(balance) from account where tenant_id = ?", Long.class, b.id()))
                .isEqualTo(balancesOfB);
        assertThat(countOf(b)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from custom_event where tenant_id = ?", Long.class, b.id()))
                .isZero();
    }

    @Test
    void shouldKeepATenantsScopeAfterARolledBackTransaction() {
        assertThatThrownBy(() -> as(a, () -> transactions.execute(status -> {
            service.queryForObject("select count(*) from account", Long.class);
            throw new IllegalStateException("roll back");
        }))).hasMessage("roll back");
        assertThat(as(b, () -> count("account"))).isEqualTo(1);
        assertThat(as(a, () -> count("account"))).isEqualTo(2);
        assertThat(count("account")).isZero();
    }

    private long count(String table) {
        return service.queryForObject("select count(*) from " + table, Long.class);
    }

    private long countOf(Tenant tenant) {
        return jdbc.queryForObject("select count(*) from ledger_entry where tenant_id = ?", Long.class, tenant.id());
    }

    private static <T> T as(Tenant tenant, Callable<T> work) {
        try {
            return TenantContext.callAs(new TenantId(tenant.id()), work);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
