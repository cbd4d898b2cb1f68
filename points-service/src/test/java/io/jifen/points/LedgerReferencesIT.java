package io.jifen.points;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jifen.tenancy.TenantContext;
import io.jifen.tenancy.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The ledger's references as the database keeps them (points V21, docs/adr/0026): no entry without its account, no
 * lot without its entry, checked per statement over every row it adds; entries append-only (since V2); accounts and
 * lots never deleted, an account never rekeyed, none of the three truncated. Each refused write leaves nothing behind; the refusals run in transactions that
 * roll back, so nothing a check let through would stay either.
 */
class LedgerReferencesIT extends PointsServiceTestBase {

    private static final String ENTRY = """
            insert into ledger_entry (tenant_id, id, member_id, point_type, kind, points, balance_after, reason)
            select ?, gen_random_uuid(), m, 'points', 'adjust', 5, 5, 'admin' from unnest(?::uuid[]) as m""";

    @Autowired
    DataSource dataSource;

    private Tenant tenant;
    private UUID member;
    private UUID entry;
    private UUID lot;

    @BeforeAll
    void aMemberWithPoints() {
        api = new Api(port);
        tenant = newTenant();
        member = newMember(tenant);
        credit(tenant, member, 10);
        entry = jdbc.queryForObject("select id from ledger_entry where tenant_id = ?", UUID.class, tenant.id());
        lot = jdbc.queryForObject("select id from lot where tenant_id = ?", UUID.class, tenant.id());
    }

    @Test
    void shouldRefuseAStatementWithAnEntryOfNoAccountAndWriteNoneOfItsRows() {
        long before = entries(tenant);
        JdbcTemplate service = new JdbcTemplate(dataSource);

        assertThatThrownBy(() -> TenantContext.callAs(new TenantId(tenant.id()), () -> service.update(ENTRY,
                tenant.id(), new UUID[] {member, UUID.randomUUID()})))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("a ledger entry names no account");

        assertThat(entries(tenant)).as("the entry of the member with an account was not kept either").isEqualTo(before);
    }

    @Test
    void shouldLetEntriesOfExistingAccountsIn() throws SQLException {
        try (Connection connection = superuserConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(ENTRY)) {
                insert.setObject(1, tenant.id());
                insert.setArray(2, connection.createArrayOf("uuid", new UUID[] {member, member}));
                assertThat(insert.executeUpdate()).isEqualTo(2);
            } finally {
                connection.rollback();
            }
        }
    }

    @Test
    void shouldRefuseALotOfNoEntryWhenWrittenOrWhenActivated() throws SQLException {
        assertRefused("23503", "a lot names no ledger entry", """
                insert into lot (tenant_id, id, member_id, point_type, points, remaining, source_entry_id)
                values ('%s', gen_random_uuid(), '%s', 'points', 5, 5, gen_random_uuid())""".formatted(tenant.id(),
                member));
        assertRefused("23503", "names no ledger entry", "update lot set source_entry_id = gen_random_uuid() "
                + "where tenant_id = '%s' and id = '%s'".formatted(tenant.id(), lot));
        assertRefused("23503", "names no ledger entry", "update lot set tenant_id = gen_random_uuid() "
                + "where tenant_id = '%s' and id = '%s'".formatted(tenant.id(), lot));
        assertAllowed("""
                insert into lot (tenant_id, id, member_id, point_type, points, remaining, source_entry_id)
                values ('%s', gen_random_uuid(), '%s', 'points', 5, 5, '%s')""".formatted(tenant.id(), member, entry));
    }

    @Test
    void shouldNeverChangeOrRemoveAnEntryNorRemoveAnAccountOrALot() throws SQLException {
        String ofTenant = "where tenant_id = '%s'".formatted(tenant.id());
        // Append-only since V2 (its own trigger and code).
        assertRefused("P0001", "ledger_entry is append-only", "update ledger_entry set points = 1000 " + ofTenant);
        assertRefused("P0001", "ledger_entry is append-only", "delete from ledger_entry " + ofTenant);
        assertRefused("23001", "DELETE of account refused", "delete from account " + ofTenant);
        assertRefused("23001", "DELETE of lot refused", "delete from lot " + ofTenant);
        assertRefused("23001", "UPDATE of account refused", "update account set member_id = gen_random_uuid() "
                + ofTenant);
        assertRefused("23001", "TRUNCATE of ledger_entry refused", "truncate ledger_entry cascade");
        assertRefused("23001", "TRUNCATE of account refused", "truncate account cascade");
        assertRefused("23001", "TRUNCATE of lot refused", "truncate lot cascade");
        // What moves points still changes accounts and lots.
        assertAllowed("update account set balance = balance, version = version + 1 " + ofTenant);
        assertAllowed("update lot set remaining = remaining " + ofTenant);

        assertThat(balance(tenant, member)).isEqualTo(10);
        assertThat(entries(tenant)).isEqualTo(1);
    }

    private void assertRefused(String sqlState, String message, String sql) throws SQLException {
        try (Connection connection = superuserConnection()) {
            connection.setAutoCommit(false);
            try {
                assertThatThrownBy(() -> connection.createStatement().execute(sql)).as(sql)
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(sqlState))
                        .hasMessageContaining(message);
            } finally {
                connection.rollback();
            }
        }
    }

    private void assertAllowed(String sql) throws SQLException {
        try (Connection connection = superuserConnection()) {
            connection.setAutoCommit(false);
            try {
                assertThat(connection.createStatement().executeUpdate(sql)).as(sql).isPositive();
            } finally {
                connection.rollback();
            }
        }
    }
}
