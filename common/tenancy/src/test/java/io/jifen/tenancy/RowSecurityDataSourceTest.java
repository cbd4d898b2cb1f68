package io.jifen.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Which row-security settings a connection is handed out with, and when they are (not) sent again. */
class RowSecurityDataSourceTest {

    private final TenantId a = new TenantId(UUID.randomUUID());
    private final TenantId b = new TenantId(UUID.randomUUID());

    /** One physical connection behind a pool that wraps it anew on every checkout, as Hikari does. */
    private final FakeConnection physical = new FakeConnection();
    private final RowSecurityDataSource dataSource = new RowSecurityDataSource(pool(physical));

    @Test
    void shouldSetTheTenantOrNoneOrAllTenants() throws SQLException {
        TenantContext.runAs(a, this::checkout);
        checkout();
        AllTenants.run(this::checkout);
        AllTenants.run(() -> TenantContext.runAs(b, this::checkout));

        assertThat(physical.sent).containsExactly(
                List.of(a.toString(), ""), List.of("", ""), List.of("", "on"), List.of(b.toString(), ""));
    }

    @Test
    void shouldSendNothingWhenThePooledConnectionIsAlreadySetSo() {
        TenantContext.runAs(a, this::checkout);
        TenantContext.runAs(a, this::checkout);
        TenantContext.runAs(b, this::checkout);
        TenantContext.runAs(b, this::checkout);
        TenantContext.runAs(a, this::checkout);

        assertThat(physical.sent).containsExactly(List.of(a.toString(), ""), List.of(b.toString(), ""),
                List.of(a.toString(), ""));
    }

    @Test
    void shouldSetAgainEveryConnectionHandedOutInsideATransaction() {
        physical.autoCommit = false;
        TenantContext.runAs(a, this::checkout);
        TenantContext.runAs(a, this::checkout);
        physical.autoCommit = true;
        TenantContext.runAs(a, this::checkout);
        TenantContext.runAs(a, this::checkout);

        assertThat(physical.sent).hasSize(3).allMatch(List.of(a.toString(), "")::equals);
    }

    @Test
    void shouldCloseAndFailAConnectionThatCouldNotBeSet() {
        TenantContext.runAs(a, this::checkout);
        physical.failing = true;
        int closed = physical.closed;

        assertThatThrownBy(() -> TenantContext.callAs(b, dataSource::getConnection))
                .isInstanceOf(SQLException.class).hasMessage("link down");
        assertThat(physical.closed).as("returned to the pool").isEqualTo(closed + 1);

        // What the session holds after a failed attempt is not known, so tenant A's settings are sent again.
        physical.failing = false;
        TenantContext.runAs(a, this::checkout);
        assertThat(physical.sent).containsExactly(List.of(a.toString(), ""), List.of(a.toString(), ""));
    }

    private void checkout() {
        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection).isNotNull();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DataSource pool(FakeConnection physical) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getConnection" -> handedOut(physical);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** What the pool hands out: closing it returns the physical connection to the pool. */
    private static Connection handedOut(FakeConnection physical) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "isWrapperFor" -> true;
                    case "unwrap" -> physical.connection;
                    case "getAutoCommit" -> physical.autoCommit;
                    case "prepareStatement" -> physical.statement((String) args[0]);
                    case "close" -> {
                        physical.closed++;
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** The database session: the settings it was sent, whether sending fails. */
    private static final class FakeConnection {

        final List<List<String>> sent = new ArrayList<>();
        final Connection connection = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        boolean autoCommit = true;
        boolean failing;
        int closed;

        PreparedStatement statement(String sql) {
            assertThat(sql).contains("set_config('jifen.tenant_id', ?, false)")
                    .contains("set_config('jifen.all_tenants', ?, false)");
            String[] values = new String[2];
            return (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "setString" -> {
                            values[(Integer) args[0] - 1] = (String) args[1];
                            yield null;
                        }
                        case "execute" -> {
                            if (failing) {
                                throw new SQLException("link down");
                            }
                            sent.add(List.of(values));
                            yield true;
                        }
                        case "close" -> null;
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }
}
