package io.jifen.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.jifen.tenancy.AllTenants;
import io.jifen.tenancy.TenantContext;
import io.jifen.tenancy.TenantId;
import io.jifen.testsupport.RowSecurityCatalog;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * PostgreSQL's row security under tenant-service's own connections (docs/adr/0019): a tenant's settings, API clients
 * and usage are visible to a connection taken for that tenant only; signup writes them as the new tenant, and the
 * platform admin's list reads them across tenants. The queries leave out the tenant filter on purpose.
 */
class RowSecurityIT extends TenantServiceTestBase {

    @Autowired
    DataSource dataSource;

    @Test
    void shouldBindEveryTenantTableAndTheServicesRole() throws SQLException {
        try (Connection ofTheService = dataSource.getConnection()) {
            assertThat(RowSecurityCatalog.unboundTenantTables(ofTheService))
                    .as("tenant tables without forced row security and a policy").isEmpty();
            assertThat(RowSecurityCatalog.policiesOtherThanTheTenantRule(ofTheService))
                    .as("policies whose rule is not the one tenant rule").isEmpty();
            assertThat(RowSecurityCatalog.boundTables(ofTheService))
                    .contains("tenant_settings", "api_client", "tenant_usage");
            assertThat(RowSecurityCatalog.bypassesRowSecurity(ofTheService)).isFalse();
            assertThat(RowSecurityCatalog.ownedTables(ofTheService)).as("tables the service's role owns").isEmpty();
        }
    }

    @Test
    void shouldShowEachTenantOnlyItsOwnSettingsAndClients() {
        Signup a = signUp("rls-a");
        Signup b = signUp("rls-b");
        JdbcTemplate service = new JdbcTemplate(dataSource);

        for (Signup tenant : new Signup[] {a, b}) {
            TenantId id = new TenantId(UUID.fromString(tenant.id()));
            assertThat(TenantContext.supplyAs(id, () -> service.queryForList(
                    "select tenant_id from tenant_settings union select tenant_id from api_client", UUID.class)))
                    .containsExactly(id.value());
            assertThat(TenantContext.supplyAs(id, () -> service.queryForList("select client_id from api_client",
                    String.class))).containsExactly(tenant.clientId());
        }
        assertThat(service.queryForObject("select count(*) from tenant_settings", Long.class)).as("no tenant").isZero();
        assertThat(AllTenants.call(() -> service.queryForList("select tenant_id from tenant_settings", UUID.class)))
                .contains(UUID.fromString(a.id()), UUID.fromString(b.id()));
    }
}
