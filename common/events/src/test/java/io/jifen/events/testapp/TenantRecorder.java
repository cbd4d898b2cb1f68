package io.jifen.events.testapp;

import io.jifen.events.EventConsumer;
import io.jifen.events.EventEnvelope;
import io.jifen.tenancy.TenantContext;
import io.jifen.tenancy.TenantId;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Records the tenant its handler runs as, and for a tenant's event saves a tenant-scoped entity. */
@Component
public class TenantRecorder extends EventConsumer {

    public static final String TOUCHED = "test.tenant-touched";

    private final JdbcTemplate jdbc;
    private final StampRepository stamps;

    public TenantRecorder(JdbcTemplate jdbc, StampRepository stamps) {
        super("tenant-recorder", List.of(EventsTestApplication.STREAM), Set.of(TOUCHED));
        this.jdbc = jdbc;
        this.stamps = stamps;
    }

    @Override
    protected void handle(EventEnvelope event) {
        jdbc.update("insert into tenant_seen (event_id, seen_tenant) values (?, ?)", event.id(),
                TenantContext.current().map(TenantId::value).orElse(null));
        if (event.tenantId() != null) {
            stamps.save(new Stamp(event.id()));
        }
    }
}
