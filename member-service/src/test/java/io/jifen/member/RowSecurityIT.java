package io.jifen.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jifen.tenancy.AllTenants;
import io.jifen.tenancy.TenantContext;
import io.jifen.tenancy.TenantId;
import io.jifen.testsupport.RowSecurityCatalog;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * PostgreSQL's row security under member-service's own connections (docs/adr/0019): a connection taken for a
 * tenant reads and writes only that tenant's members, one outside any tenant none, one for declared cross-tenant
 * work all. The queries leave out the {@code tenant_id} filter on purpose.
 */
class RowSecurityIT extends MemberServiceTestBase {

    @Autowired
    DataSource dataSource;

    @Test
    void shouldBindEveryTenantTableAndTheServicesRole() throws SQLException {
        try (Connection own = jdbc.getDataSource().getConnection()) {
            assertThat(RowSecurityCatalog.unboundTenantTables(own))
                    .as("tenant tables without forced row security and a policy").isEmpty();
            assertThat(RowSecurityCatalog.policiesOtherThanTheTenantRule(own))
                    .as("policies whose rule is not the one tenant rule").isEmpty();
            assertThat(RowSecurityCatalog.boundTables(own)).contains("member", "card", "growth_entry", "tier_ladder");
        }
        try (Connection ofTheService = dataSource.getConnection()) {
            assertThat(RowSecurityCatalog.bypassesRowSecurity(ofTheService)).isFalse();
            assertThat(RowSecurityCatalog.ownedTables(ofTheService)).as("tables the service's role owns").isEmpty();
        }
    }

    @Test
    void shouldShowAndChangeOnlyTheConnectionsTenantsMembers() {
        Tenant a = newTenant();
        Tenant b = newTenant();
        register(a);
        register(a);
        String ofB = register(b).get("id").asString();
        JdbcTemplate service = new JdbcTemplate(dataSource);

        assertThat(as(a, () -> service.queryForList("select distinct tenant_id from member", UUID.class)))
                .containsExactly(UUID.fromString(a.id()));
        assertThat(as(b, () -> service.queryForObject("select count(*) from member", Long.class))).isEqualTo(1);
        assertThat(service.queryForObject("select count(*) from member", Long.class)).as("no tenant").isZero();
        assertThat(AllTenants.call(() -> service.queryForObject("select count(*) from member", Long.class)))
                .isEqualTo(jdbc.queryForObject("select count(*) from member", Long.class));

        assertThat(as(a, () -> service.update("update member set name = 'taken' where id = ?::uuid", ofB))).isZero();
        assertThatThrownBy(() -> as(a, () -> service.update(
                "insert into tenant_timezone (tenant_id, timezone, updated_at) values (?::uuid, 'UTC', now())",
                b.id())))
                .rootCause().hasMessageContaining("violates row-level security policy");
        assertThat(jdbc.queryForObject("select name from member where id = ?::uuid", String.class, ofB))
                .isNotEqualTo("taken");
    }

    private static <T> T as(Tenant tenant, Callable<T> work) {
        try {
            return TenantContext.callAs(new TenantId(UUID.fromString(tenant.id())), work);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
