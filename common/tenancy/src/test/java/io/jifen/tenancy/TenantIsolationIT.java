package io.jifen.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jifen.tenancy.TenantContext.MissingTenantException;
import io.jifen.tenancy.testapp.Plan;
import io.jifen.tenancy.testapp.PlanRepository;
import io.jifen.tenancy.testapp.Widget;
import io.jifen.tenancy.testapp.WidgetRepository;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.hibernate.PropertyValueException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.transaction.support.TransactionTemplate;

/** Two tenants with the same business ids never see or touch each other's rows; no tenant sees nothing. */
class TenantIsolationIT extends TenancyIntegrationTest {

    @Autowired
    WidgetRepository widgets;

    @Autowired
    PlanRepository plans;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcTemplate jdbc;

    @PersistenceContext
    EntityManager entityManager;

    private final TenantId a = newTenant();
    private final TenantId b = newTenant();

    @Test
    void shouldShowEachTenantOnlyItsOwnRowsThroughEveryKindOfRepositoryRead() {
        Widget ofA = as(a, () -> widgets.save(new Widget("W-1", "alpha")));
        Widget ofB = as(b, () -> widgets.save(new Widget("W-1", "beta")));

        TenantContext.runAs(a, () -> {
            assertThat(widgets.findAll()).extracting(Widget::getName).containsExactly("alpha");
            assertThat(widgets.findByBusinessId("W-1")).map(Widget::getName).contains("alpha");
            assertThat(widgets.count()).isEqualTo(1);
            assertThat(widgets.countByNameStartingWith("b")).isZero();
            assertThat(widgets.names()).containsExactly("alpha");
            assertThat(widgets.findById(ofB.getId())).isEmpty();
            assertThat(widgets.existsById(ofB.getId())).isFalse();
        });
        TenantContext.runAs(b, () -> {
            assertThat(widgets.findAll()).extracting(Widget::getName).containsExactly("beta");
            assertThat(widgets.findByBusinessId("W-1")).map(Widget::getName).contains("beta");
            assertThat(widgets.findById(ofA.getId())).isEmpty();
        });
        assertThat(ofA.getTenantId()).isEqualTo(a);
        assertThat(ofB.getTenantId()).isEqualTo(b);
        assertThat(tenantOfRow(ofA.getId())).isEqualTo(a.value());
    }

    @Test
    void shouldChangeAndDeleteOnlyTheCurrentTenantsRows() {
        Widget ofA = as(a, () -> widgets.save(new Widget("W-1", "alpha")));
        as(a, () -> widgets.save(new Widget("W-2", "alpha-2")));
        as(b, () -> widgets.save(new Widget("W-1", "beta")));

        TenantContext.runAs(b, () -> {
            assertThat(widgets.renameInBulk("W-1", "renamed by b")).isEqualTo(1);
            assertThat(widgets.deleteInBulk("W-2")).isZero();
            widgets.deleteAll();
            widgets.deleteAllInBatch();
            widgets.deleteById(ofA.getId());
        });

        TenantContext.runAs(a, () -> assertThat(widgets.names()).containsExactly("alpha", "alpha-2"));
        assertThat(rowsOf(a)).isEqualTo(2);
        assertThat(rowsOf(b)).isZero();
    }

    @Test
    void shouldNotLetATenantOverwriteAnotherTenantsRowByItsId() {
        Widget ofA = as(a, () -> widgets.save(new Widget("W-1", "alpha")));
        ofA.rename("stolen by b");

        // b's session cannot see the row, so to Hibernate it looks deleted under b's feet.
        assertThatThrownBy(() -> TenantContext.runAs(b, () -> widgets.save(ofA)))
                .isInstanceOf(ObjectOptimisticLockingFailureException.class);

        TenantContext.runAs(a, () -> assertThat(widgets.findById(ofA.getId())).map(Widget::getName).contains("alpha"));
        assertThat(rowsOf(b)).isZero();
    }

    @Test
    void shouldKeepBusinessIdsUniquePerTenantOnly() {
        as(a, () -> widgets.save(new Widget("W-1", "alpha")));
        as(b, () -> widgets.save(new Widget("W-1", "beta")));

        assertThatThrownBy(() -> as(a, () -> widgets.saveAndFlush(new Widget("W-1", "again"))))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void shouldRefuseRepositoryReadsAndWritesOutsideATenant() {
        as(a, () -> widgets.save(new Widget("W-1", "alpha")));

        assertThatThrownBy(() -> widgets.findAll()).isInstanceOf(MissingTenantException.class);
        assertThatThrownBy(() -> widgets.count()).isInstanceOf(MissingTenantException.class);
        assertThatThrownBy(() -> widgets.findByBusinessId("W-1")).isInstanceOf(MissingTenantException.class);
        assertThatThrownBy(() -> widgets.names()).isInstanceOf(MissingTenantException.class);
        assertThatThrownBy(() -> widgets.deleteAllInBatch()).isInstanceOf(MissingTenantException.class);
        assertThatThrownBy(() -> widgets.save(new Widget("W-9", "orphan"))).isInstanceOf(MissingTenantException.class);
        assertThat(rowsOf(a)).isEqualTo(1);
    }

    @Test
    void shouldMatchNoTenantScopedRowWhenTheEntityManagerIsUsedOutsideATenant() {
        Widget ofA = as(a, () -> widgets.save(new Widget("W-1", "alpha")));

        transaction.executeWithoutResult(status -> {
            assertThat(entityManager.createQuery("select w from Widget w", Widget.class).getResultList()).isEmpty();
            assertThat(entityManager.find(Widget.class, ofA.getId())).isNull();
        });
        assertThat(rowsOf(a)).isEqualTo(1);
    }

    @Test
    void shouldRefuseToPersistThroughTheEntityManagerOutsideATenant() {
        Throwable failure = catchThrowable(() -> transaction.executeWithoutResult(
                status -> entityManager.persist(new Widget("W-1", "orphan"))));

        assertThat(NestedExceptionUtils.getMostSpecificCause(failure)).isInstanceOf(MissingTenantException.class);
        assertThat(jdbc.queryForObject("select count(*) from widget where name = 'orphan'", Long.class)).isZero();
    }

    @Test
    void shouldStillReadAndWriteGlobalTablesOutsideATenant() {
        String code = "plan-" + UUID.randomUUID().toString().substring(0, 8);
        plans.save(new Plan(code, "Starter"));

        assertThat(plans.findById(code)).isPresent();
        assertThat(TenantContext.current()).isEmpty();
    }

    @Test
    void shouldRefuseToWorkAsATenantInsideATransactionOpenedForNoneOrAnother() {
        as(a, () -> widgets.save(new Widget("W-1", "alpha")));

        assertThatThrownBy(() -> transaction.executeWithoutResult(status ->
                TenantContext.runAs(a, () -> widgets.findAll())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("opened for no tenant");
        assertThatThrownBy(() -> TenantContext.runAs(b, () -> transaction.executeWithoutResult(status ->
                TenantContext.runAs(a, () -> widgets.findAll()))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("opened for tenant " + b);
    }

    @Test
    void shouldRefuseToPersistOneTenantsEntityThroughAnotherTenantsSession() {
        Throwable failure = catchThrowable(() -> TenantContext.runAs(b, () -> transaction.executeWithoutResult(
                status -> TenantContext.runAs(a, () -> {
                    entityManager.persist(new Widget("W-1", "smuggled"));
                    entityManager.flush();
                }))));

        assertThat(failure).isInstanceOf(PropertyValueException.class)
                .hasMessageContaining("differs from current tenant id");
        assertThat(rowsOf(a) + rowsOf(b)).isZero();
    }

    private static <T> T as(TenantId tenant, Callable<T> work) {
        try {
            return TenantContext.callAs(tenant, work);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Straight SQL, past Hibernate: what is really in the table. */
    private long rowsOf(TenantId tenant) {
        return jdbc.queryForObject("select count(*) from widget where tenant_id = ?", Long.class, tenant.value());
    }

    private UUID tenantOfRow(UUID id) {
        return jdbc.queryForObject("select tenant_id from widget where id = ?", UUID.class, id);
    }
}
