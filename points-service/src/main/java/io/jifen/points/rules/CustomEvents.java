package io.jifen.points.rules;

import io.jifen.points.idempotency.IdempotentRequests;
import io.jifen.points.member.Member;
import io.jifen.points.member.MemberRef;
import io.jifen.points.member.Members;
import io.jifen.tenancy.TenantContext;
import io.jifen.web.ApiException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records a custom event and pays the tenant's {@code custom:<type>} rules for it. An event id is one event per
 * tenant, whatever the Idempotency-Key: a repeat with the same body answers the first result, another body 409
 * {@code event_exists}. A type no rule rewards is recorded with no awards (the rule may come later: it is not paid
 * retroactively).
 */
@Service
class CustomEvents {

    private final JdbcTemplate jdbc;
    private final Members members;
    private final EventEarning earning;
    private final JsonMapper json;

    CustomEvents(JdbcTemplate jdbc, Members members, EventEarning earning, JsonMapper json) {
        this.jdbc = jdbc;
        this.members = members;
        this.earning = earning;
        this.json = json;
    }

    record Recorded(CustomEventResponse response, boolean created) {
    }

    @Transactional
    public Recorded record(CustomEventRequest request) {
        String hash = IdempotentRequests.hash(json.writeValueAsString(request));
        // Two first attempts of one event id at once must not both pay.
        jdbc.queryForList("select pg_advisory_xact_lock(hashtextextended(?, 0))",
                tenant() + "/event/" + request.eventId());
        List<Stored> stored = jdbc.query("""
                select request_hash, response from custom_event where tenant_id = ? and event_id = ?""",
                (row, i) -> new Stored(row.getString(1), row.getString(2)), tenant(), request.eventId());
        if (!stored.isEmpty()) {
            if (!stored.getFirst().hash().equals(hash)) {
                throw ApiException.conflict("event_exists",
                        "Event " + request.eventId() + " was already recorded with different details");
            }
            return new Recorded(json.readValue(stored.getFirst().response(), CustomEventResponse.class), false);
        }
        Member member = members.requireActive(MemberRef.byId(request.memberId()));
        EventEarning.Earned earned = earning.award(member.memberId(), "custom:" + request.type(),
                "custom:" + request.eventId(), Instant.now());
        CustomEventResponse response = new CustomEventResponse(request.eventId(), earned.points(), earned.awards(),
                earned.held(), earned.balance());
        jdbc.update("""
                insert into custom_event (tenant_id, event_id, type, member_id, attributes, request_hash, response)
                values (?, ?, ?, ?, ?::jsonb, ?, ?)""", tenant(), request.eventId(), request.type(), member.memberId(),
                request.attributes() == null ? null : json.writeValueAsString(request.attributes()), hash,
                json.writeValueAsString(response));
        return new Recorded(response, true);
    }

    private static UUID tenant() {
        return TenantContext.require().value();
    }

    private record Stored(String hash, String response) {
    }
}
