package io.jifen.member.care;

import io.jifen.events.EventConsumer;
import io.jifen.events.EventEnvelope;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Learns each tenant's time zone from tenant-service ({@code tenant.registered}; {@code tenant.settings-changed}
 * once tenant-service emits it), so birthdays follow the tenant's calendar, not the server's.
 */
@Component
class TenantTimezoneConsumer extends EventConsumer {

    private final JdbcTemplate jdbc;

    TenantTimezoneConsumer(JdbcTemplate jdbc, @Value("${jifen.member.tenant-stream}") String stream) {
        super("member.tenant-events", List.of(stream), Set.of("tenant.registered", "tenant.settings-changed"));
        this.jdbc = jdbc;
    }

    @Override
    protected void handle(EventEnvelope event) {
        if (!event.payload().hasNonNull("timezone")) {
            return; // a settings change that did not touch the time zone
        }
        UUID tenant = UUID.fromString(event.payload().get("tenantId").asString());
        String zone = ZoneId.of(event.payload().get("timezone").asString()).getId();
        jdbc.update("""
                insert into tenant_timezone (tenant_id, timezone, updated_at) values (?, ?, now())
                on conflict (tenant_id) do update set timezone = excluded.timezone, updated_at = now()""",
                tenant, zone);
    }
}
