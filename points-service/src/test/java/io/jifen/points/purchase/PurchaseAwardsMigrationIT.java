package io.jifen.points.purchase;

import static org.assertj.core.api.Assertions.assertThat;

import io.jifen.points.rules.Award;
import io.jifen.testsupport.TestInfra;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * V22 on a database whose purchases kept their awards in {@code purchase_award} (V7 to V21): each purchase gets its
 * awards on its row, in their order, a cut kept as {@code capped}, of every tenant (row security binds the owner who
 * migrates), and the table is gone. Migrated as the platform's owner role, not a superuser that row security would
 * let through anyway.
 */
class PurchaseAwardsMigrationIT {

    private static final UUID TENANT = UUID.randomUUID();
    private static final UUID OTHER_TENANT = UUID.randomUUID();
    private static final UUID MEMBER = UUID.randomUUID();

    @Test
    void shouldMoveEveryPurchasesAwardsOntoItsRow() {
        SingleConnectionDataSource db = new SingleConnectionDataSource(TestInfra.newAppDatabase("points_awards"),
                TestInfra.OWNER_ROLE, TestInfra.OWNER_PASSWORD, true);
        JdbcTemplate jdbc = new JdbcTemplate(db);
        migrate(db, "21");
        jdbc.execute("set jifen.all_tenants = 'on'");
        purchase(jdbc, TENANT, "A-1", 15);
        award(jdbc, TENANT, "A-1", 1, "double", 10, 5);
        award(jdbc, TENANT, "A-1", 0, "base", 5, 0);
        purchase(jdbc, TENANT, "A-2", 0);
        purchase(jdbc, OTHER_TENANT, "A-1", 7);
        award(jdbc, OTHER_TENANT, "A-1", 0, "base", 7, 0);
        jdbc.execute("reset jifen.all_tenants");

        migrate(db, "latest");

        jdbc.execute("set jifen.all_tenants = 'on'");
        Map<String, List<Award>> stored = new HashMap<>();
        jdbc.query("select tenant_id, " + PurchaseStore.PURCHASE_COLUMNS + " from purchase p", row -> {
            stored.put(row.getString("tenant_id") + "/" + row.getString("order_id"),
                    PurchaseStore.purchase(row).awards());
        });
        assertThat(stored).containsOnly(
                Map.entry(TENANT + "/A-1", List.of(new Award("base", 5, 0), new Award("double", 10, 5))),
                Map.entry(TENANT + "/A-2", List.of()),
                Map.entry(OTHER_TENANT + "/A-1", List.of(new Award("base", 7, 0))));
        assertThat(jdbc.queryForObject("select awards::text from purchase where tenant_id = ? and order_id = 'A-1'",
                String.class, TENANT)).isEqualTo("""
                        [{"rule": "base", "points": 5}, {"rule": "double", "capped": 5, "points": 10}]""");
        assertThat(jdbc.queryForObject("select to_regclass('purchase_award') is null", Boolean.class)).isTrue();
        db.destroy();
    }

    private static void migrate(DataSource db, String target) {
        Flyway.configure().dataSource(db).locations("classpath:db/migration").target(target).load().migrate();
    }

    private static void purchase(JdbcTemplate jdbc, UUID tenant, String orderId, long points) {
        jdbc.update("""
                insert into purchase (tenant_id, order_id, member_id, amount, currency, occurred_at, request_hash,
                                      points_awarded, balance_after)
                values (?, ?, ?, 20.00, 'CNY', now(), 'hash', ?, ?)""", tenant, orderId, MEMBER, points, points);
    }

    private static void award(JdbcTemplate jdbc, UUID tenant, String orderId, int position, String rule, long points,
            long capped) {
        jdbc.update("""
                insert into purchase_award (tenant_id, order_id, position, rule_code, points, capped)
                values (?, ?, ?, ?, ?, ?)""", tenant, orderId, position, rule, points, capped);
    }
}
