package io.jifen.tenant.usage;

import io.jifen.events.EventConsumer;
import io.jifen.events.EventEnvelope;
import io.jifen.tenancy.TenantId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Feeds {@code tenant_usage} from member-service and points-service events (payload fields in this module's
 * README). Increments are order-independent, so the projection needs no versions; common/events applies each
 * event once. A points event without a positive integer {@code points} fails and ends in the dead-letter stream.
 */
@Component
class UsageEventConsumer extends EventConsumer {

    /** How each handled event moves (member count, points liability), per unit of its {@code points}. */
    private static final Map<String, long[]> EFFECTS = Map.of(
            "member.registered", new long[] {1, 0},
            "member.erased", new long[] {-1, 0},
            "points.earned", new long[] {0, 1},
            "points.redeemed", new long[] {0, -1},
            "points.expired", new long[] {0, -1},
            "points.reversed", new long[] {0, -1},
            "points.restored", new long[] {0, 1});

    private static final String UPSERT = """
            insert into tenant_usage (tenant_id, member_count, points_liability, updated_at)
            values (?, ?, ?, now())
            on conflict (tenant_id) do update set
                member_count = tenant_usage.member_count + excluded.member_count,
                points_liability = tenant_usage.points_liability + excluded.points_liability,
                updated_at = now()""";

    private final JdbcTemplate jdbc;

    UsageEventConsumer(JdbcTemplate jdbc) {
        super("tenant.usage", List.of(streamOf("member-service"), streamOf("points-service")), EFFECTS.keySet());
        this.jdbc = jdbc;
    }

    @Override
    protected void handle(EventEnvelope event) {
        if (event.tenant().isEmpty()) {
            return; // usage is per tenant; a global event of these types would be a producer bug, nothing to count
        }
        long[] effect = EFFECTS.get(event.type());
        long points = effect[1] == 0 ? 0 : points(event);
        jdbc.update(UPSERT, event.tenantId().value(), effect[0], effect[1] * points);
    }

    /** A run of one tenant's events moves the counters by their sum: one upsert instead of one per event. */
    @Override
    protected void handleAll(List<EventEnvelope> events, Runnable flush) {
        TenantId tenant = events.getFirst().tenantId();
        if (tenant == null) {
            return;
        }
        long members = 0;
        long liability = 0;
        for (EventEnvelope event : events) {
            long[] effect = EFFECTS.get(event.type());
            members += effect[0];
            liability = Math.addExact(liability, effect[1] == 0 ? 0 : effect[1] * points(event));
        }
        jdbc.update(UPSERT, tenant.value(), members, liability);
    }

    private static long points(EventEnvelope event) {
        JsonNode points = event.payload().get("points");
        if (points == null || !points.isIntegralNumber() || points.asLong() <= 0) {
            throw new IllegalArgumentException(event.type() + " " + event.id()
                    + " has no positive integer 'points' in its payload");
        }
        return points.asLong();
    }
}
