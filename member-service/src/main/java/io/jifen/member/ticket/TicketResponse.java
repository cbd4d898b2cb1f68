package io.jifen.member.ticket;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** @param notes oldest first; omitted (null) in lists */
record TicketResponse(UUID id, UUID memberId, String type, String subject, String description, TicketStatus status,
        String assignee, Instant createdAt, Instant updatedAt, List<Note> notes) {

    record Note(String author, String text, Instant createdAt) {
    }

    static TicketResponse of(ServiceTicket ticket, List<TicketNote> notes) {
        return new TicketResponse(ticket.getId(), ticket.getMemberId(), ticket.getType(), ticket.getSubject(),
                ticket.getDescription(), ticket.getStatus(), ticket.getAssignee(), ticket.getCreatedAt(),
                ticket.getUpdatedAt(), notes == null ? null
                        : notes.stream().map(n -> new Note(n.getAuthor(), n.getText(), n.getCreatedAt())).toList());
    }
}
