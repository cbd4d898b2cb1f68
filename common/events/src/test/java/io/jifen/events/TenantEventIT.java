package io.jifen.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.jifen.events.testapp.Stamp;
import io.jifen.events.testapp.StampRepository;
import io.jifen.events.testapp.TenantRecorder;
import io.jifen.tenancy.TenantContext;
import io.jifen.tenancy.TenantId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A tenant's event is handled as that tenant, with tenant-scoped repositories working; a global one as nobody. */
class TenantEventIT extends EventsIntegrationTest {

    @Autowired
    StampRepository stamps;

    @Test
    void shouldRunEachTenantsHandlerAsThatTenantOnly() {
        TenantId a = newTenant();
        TenantId b = newTenant();

        UUID ofA = appendCommitted(TenantRecorder.TOUCHED, a, Map.of("n", 1));
        UUID ofB = appendCommitted(TenantRecorder.TOUCHED, b, Map.of("n", 2));

        eventually().until(() -> seen(ofA).size() == 1 && seen(ofB).size() == 1);
        assertThat(seen(ofA)).containsExactly(a.value());
        assertThat(seen(ofB)).containsExactly(b.value());
        assertThat(stampedEvents(a)).containsExactly(ofA);
        assertThat(stampedEvents(b)).containsExactly(ofB);
        assertThat(TenantContext.current()).isEmpty();
    }

    @Test
    void shouldRunAGlobalEventsHandlerWithoutATenant() {
        UUID global = appendCommitted(TenantRecorder.TOUCHED, null, Map.of("n", 1));

        eventually().until(() -> seen(global).size() == 1);
        assertThat(seen(global)).containsOnlyNulls();
        assertThat(jdbc.queryForObject("select count(*) from stamp where event_id = ?", Long.class, global))
                .isZero();
    }

    private List<UUID> seen(UUID event) {
        return jdbc.queryForList("select seen_tenant from tenant_seen where event_id = ?", UUID.class, event);
    }

    /** Through the tenant-scoped repository, so as the tenant sees it. */
    private List<UUID> stampedEvents(TenantId tenant) {
        AtomicReference<List<UUID>> events = new AtomicReference<>();
        TenantContext.runAs(tenant, () -> events.set(stamps.findAll().stream().map(Stamp::getEventId).toList()));
        return events.get();
    }
}
