package io.jifen.member.ticket;

import io.jifen.member.member.MemberRepository;
import io.jifen.web.ApiException;
import jakarta.persistence.criteria.Predicate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Service tickets of members: open, work through the workflow, assign, annotate, list for staff. */
@Service
class TicketService {

    private final ServiceTicketRepository tickets;
    private final TicketNoteRepository notes;
    private final MemberRepository members;
    private final TicketEvents events;

    TicketService(ServiceTicketRepository tickets, TicketNoteRepository notes, MemberRepository members,
            TicketEvents events) {
        this.tickets = tickets;
        this.notes = notes;
        this.members = members;
        this.events = events;
    }

    @Transactional
    TicketResponse open(UUID memberId, OpenTicketRequest request) {
        members.require(memberId);
        ServiceTicket ticket = tickets.save(new ServiceTicket(memberId, request));
        events.opened(ticket);
        return TicketResponse.of(ticket, List.of());
    }

    @Transactional(readOnly = true)
    TicketResponse get(UUID id) {
        return TicketResponse.of(require(id), notes.findByTicketIdOrderByCreatedAtAsc(id));
    }

    @Transactional
    TicketResponse changeStatus(UUID id, TicketStatus next) {
        ServiceTicket ticket = require(id);
        if (!ticket.getStatus().canBecome(next)) {
            throw ApiException.conflict("invalid_ticket_transition",
                    "A " + ticket.getStatus().code() + " ticket cannot become " + next.code());
        }
        TicketStatus from = ticket.getStatus();
        ticket.moveTo(next);
        events.statusChanged(ticket, from);
        return TicketResponse.of(ticket, notes.findByTicketIdOrderByCreatedAtAsc(id));
    }

    @Transactional
    TicketResponse assign(UUID id, String assignee) {
        ServiceTicket ticket = require(id);
        ticket.assignTo(assignee);
        return TicketResponse.of(ticket, notes.findByTicketIdOrderByCreatedAtAsc(id));
    }

    @Transactional
    TicketResponse addNote(UUID id, String author, String text) {
        ServiceTicket ticket = require(id);
        if (ticket.getStatus() == TicketStatus.CLOSED) {
            throw ApiException.conflict("ticket_closed", "Ticket " + id + " is closed");
        }
        notes.save(new TicketNote(id, author, text));
        ticket.touch();
        return TicketResponse.of(ticket, notes.findByTicketIdOrderByCreatedAtAsc(id));
    }

    @Transactional(readOnly = true)
    TicketPage list(TicketFilter filter, int page, int size) {
        if (filter.memberId() != null) {
            members.require(filter.memberId());
        }
        Page<ServiceTicket> found = tickets.findAll(filter.toSpecification(),
                PageRequest.of(page, size, Sort.by(Sort.Order.desc("createdAt"), Sort.Order.asc("id"))));
        return new TicketPage(found.getContent().stream().map(t -> TicketResponse.of(t, null)).toList(), page, size,
                found.getTotalElements(), found.getTotalPages());
    }

    private ServiceTicket require(UUID id) {
        return tickets.findById(id).orElseThrow(() -> ApiException.notFound("Ticket", id));
    }

    record TicketFilter(UUID memberId, TicketStatus status, String type, String assignee) {

        Specification<ServiceTicket> toSpecification() {
            return (root, query, cb) -> {
                List<Predicate> where = new ArrayList<>();
                if (memberId != null) {
                    where.add(cb.equal(root.get("memberId"), memberId));
                }
                if (status != null) {
                    where.add(cb.equal(root.get("status"), status));
                }
                if (type != null) {
                    where.add(cb.equal(root.get("type"), type));
                }
                if (assignee != null) {
                    where.add(cb.equal(root.get("assignee"), assignee));
                }
                return cb.and(where.toArray(Predicate[]::new));
            };
        }
    }
}
