package io.jifen.member.ticket;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface TicketNoteRepository extends JpaRepository<TicketNote, UUID> {

    List<TicketNote> findByTicketIdOrderByCreatedAtAsc(UUID ticketId);
}
