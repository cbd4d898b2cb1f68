package io.jifen.points.settings;

import io.jifen.events.EventConsumer;
import io.jifen.events.EventEnvelope;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Learns each tenant's time zone from tenant-service, which owns it: the tenant's day (velocity cap) and the ends of
 * its months, quarters and years (expiry) follow the merchant's calendar, not the server's.
 */
@Component
class TenantZoneEvents extends EventConsumer {

    private static final Logger log = LoggerFactory.getLogger(TenantZoneEvents.class);

    private final LedgerSettings settings;

    TenantZoneEvents(LedgerSettings settings) {
        super("points.tenant-events", List.of(EventConsumer.streamOf("tenant-service")),
                Set.of("tenant.registered", "tenant.settings-changed"));
        this.settings = settings;
    }

    @Override
    protected void handle(EventEnvelope event) {
        if (!event.payload().hasNonNull("timezone")) {
            return;
        }
        UUID tenant = UUID.fromString(event.payload().get("tenantId").asString());
        String zone = event.payload().get("timezone").asString();
        try {
            settings.learnZone(tenant, ZoneId.of(zone));
        } catch (DateTimeException e) {
            // tenant-service validates zones; one this JDK lacks must not block the stream: keep the last known
            log.warn("Ignoring unknown time zone {} of tenant {}", zone, tenant);
        }
    }
}
