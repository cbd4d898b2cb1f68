package io.jifen.member.ticket;

import io.jifen.events.Outbox;
import io.jifen.tenancy.TenantContext;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Tickets as events, written in the caller's transaction, so campaigns and analytics can react to service issues. */
@Component
class TicketEvents {

    /** {@code ticket.opened} */
    record TicketOpened(UUID ticketId, UUID memberId, String type, String subject) {
    }

    /** {@code ticket.status-changed} */
    record TicketStatusChanged(UUID ticketId, UUID memberId, String from, String to) {
    }

    private final Outbox outbox;

    TicketEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    void opened(ServiceTicket ticket) {
        outbox.append("ticket.opened", TenantContext.require(), new TicketOpened(ticket.getId(), ticket.getMemberId(),
                ticket.getType(), ticket.getSubject()));
    }

    void statusChanged(ServiceTicket ticket, TicketStatus from) {
        outbox.append("ticket.status-changed", TenantContext.require(), new TicketStatusChanged(ticket.getId(),
                ticket.getMemberId(), from.code(), ticket.getStatus().code()));
    }
}
