package io.jifen.points.plugin;

import io.jifen.plugin.api.ChannelEvent;
import io.jifen.plugin.api.ChannelResult;
import io.jifen.points.channel.Accepted;
import io.jifen.points.expiry.Earnings;
import io.jifen.points.ledger.ChannelSource;
import io.jifen.points.ledger.EntryKind;
import io.jifen.points.ledger.Ledger;
import io.jifen.points.ledger.Posting;
import io.jifen.points.ledger.Reason;
import io.jifen.points.member.MemberRef;
import io.jifen.points.member.Members;
import io.jifen.tenancy.TenantContext;
import io.jifen.tenancy.TenantId;
import io.jifen.web.ApiException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * One event sent to a tenant's channel: the plugin proposes, the host checks ({@code ChannelPipeline}) and writes. The member's account is
 * locked before the plugin runs, so events of one member on any channel are evaluated one at a time and a channel's
 * state reads see the previous event's writes; state writes, ledger entries and the event record commit together.
 * Each award is an earn under the tenant's velocity guard (held for review above its threshold or beyond the day's
 * cap), never pending: the return window is for purchases.
 */
@Service
@Transactional(propagation = Propagation.MANDATORY)
class ChannelEventService {

    private final EnablementStore enablements;
    private final ChannelRunner runner;
    private final ChannelEventStore events;
    private final Members members;
    private final Ledger ledger;
    private final Earnings earnings;

    ChannelEventService(EnablementStore enablements, ChannelRunner runner, ChannelEventStore events,
            Members members, Ledger ledger, Earnings earnings) {
        this.enablements = enablements;
        this.runner = runner;
        this.events = events;
        this.members = members;
        this.ledger = ledger;
        this.earnings = earnings;
    }

    public ChannelEventResponse record(String channelId, RecordChannelEventRequest request) {
        TenantId tenant = TenantContext.require();
        EnablementStore.ActiveChannel active = enablements.active(tenant, channelId)
                .orElseThrow(() -> notEnabled(channelId));
        Map<String, Object> attributes = EventAttributes.copy(request.attributes());
        members.requireActive(MemberRef.byId(request.memberId()));
        if (events.exists(tenant, channelId, request.eventId())) {
            throw ApiException.conflict("event_exists", "Event " + request.eventId() + " was already recorded on "
                    + "channel " + channelId);
        }
        ledger.lockAll(List.of(request.memberId()));
        ChannelEvent event = new ChannelEvent(request.eventId(), request.memberId().toString(), Instant.now(),
                attributes);
        return runner.run(tenant, active, event, accepted -> {
            if (accepted.isRejected()) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "event_rejected", "Channel " + channelId
                        + " awarded nothing: " + accepted.rejection(), Map.of("reason", accepted.rejection()));
            }
            return write(tenant, active, request, accepted);
        });
    }

    private ChannelEventResponse write(TenantId tenant, EnablementStore.ActiveChannel active,
            RecordChannelEventRequest request, Accepted accepted) {
        ChannelSource source = new ChannelSource(active.pluginId(), active.channelId(), request.eventId());
        List<ChannelEventResponse.AwardView> awards = new ArrayList<>();
        long total = 0;
        long held = 0;
        long balance = 0;
        for (Accepted.Share share : accepted.awards()) {
            ChannelResult.Award award = share.award();
            Posting posting = new Posting(request.memberId(), EntryKind.EARN, Reason.PLUGIN, request.eventId(),
                    award.reason(), null, null);
            Earnings.Earned earned = earnings.earn(posting, share.points(), award.expiresAt(), source);
            awards.add(new ChannelEventResponse.AwardView(earned.posted().entryId(), share.points(),
                    award.reason(), earned.held()));
            total += share.points();
            held += earned.held();
            balance = earned.posted().balanceAfter();
        }
        if (!events.record(tenant, active.channelId(), request, total)) {
            throw ApiException.conflict("event_exists", "Event " + request.eventId() + " was already recorded on "
                    + "channel " + active.channelId());
        }
        return new ChannelEventResponse(active.channelId(), active.pluginId(), request.eventId(),
                request.memberId(), total, awards, held, balance);
    }

    private static ApiException notEnabled(String channelId) {
        return new ApiException(HttpStatus.NOT_FOUND, "channel_not_found",
                "Channel " + channelId + " is not enabled for this tenant");
    }
}
