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

        EventEnvelope ofA = appendCommitted(TenantRecorder.TOUCHED, a, Map.of("n", 1));
        EventEnvelope ofB = appendCommitted(TenantRecorder.TOUCHED, b, Map.of("n", 2));

        eventually().until(() -> seen(ofA.id()).size() == 1 && seen(ofB.id()).size() == 1);
        assertThat(seen(ofA.id())).containsExactly(a.value());
        assertThat(seen(ofB.id())).containsExactly(b.value());
        assertThat(stampedEvents(a)).containsExactly(ofA.id());
        assertThat(stampedEvents(b)).containsExactly(ofB.id());
        assertThat(TenantContext.current()).isEmpty();
    }

    @Test
    void shouldRunAGlobalEventsHandlerWithoutATenant() {
        EventEnvelope global = appendCommitted(TenantRecorder.TOUCHED, null, Map.of("n", 1));

        eventually().until(() -> seen(global.id()).size() == 1);
        assertThat(seen(global.id())).containsOnlyNulls();
        assertThat(jdbc.queryForObject("select count(*) from stamp where event_id = ?", Long.class, global.id()))
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
