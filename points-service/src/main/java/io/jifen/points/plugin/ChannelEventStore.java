package io.jifen.points.plugin;

import io.jifen.tenancy.TenantId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The events a tenant's channels have awarded points for, one per event id. */
@Repository
class ChannelEventStore {

    private final JdbcTemplate jdbc;

    ChannelEventStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    boolean exists(TenantId tenant, String channelId, String eventId) {
        return !jdbc.queryForList("""
                select 1 from channel_event where tenant_id = ? and channel_id = ? and event_id = ?""",
                Integer.class, tenant.value(), channelId, eventId).isEmpty();
    }

    /** False when the event was recorded meanwhile (a concurrent request with another Idempotency-Key). */
    boolean record(TenantId tenant, String channelId, RecordChannelEventRequest request, long points) {
        return jdbc.update("""
                insert into channel_event (tenant_id, channel_id, event_id, member_id, points)
                values (?, ?, ?, ?, ?) on conflict do nothing""",
                tenant.value(), channelId, request.eventId(), request.memberId(), points) == 1;
    }
}
