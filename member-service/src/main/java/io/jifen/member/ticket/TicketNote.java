package io.jifen.member.ticket;

import io.jifen.tenancy.TenantScopedEntity;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.data.domain.Persistable;

/** A note on a ticket (append-only: the conversation is a record of what was said). */
@Entity
class TicketNote extends TenantScopedEntity implements Persistable<UUID> {

    @Id
    private UUID id;
    private UUID ticketId;
    private String author;
    private String text;
    private Instant createdAt;

    protected TicketNote() {
    }

    TicketNote(UUID ticketId, String author, String text) {
        this.id = UUID.randomUUID();
        this.ticketId = ticketId;
        this.author = author;
        this.text = text;
        this.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public UUID getId() {
        return id;
    }

    /** Notes are only ever inserted: persist, never merge. */
    @Override
    public boolean isNew() {
        return true;
    }

    String getAuthor() {
        return author;
    }

    String getText() {
        return text;
    }

    Instant getCreatedAt() {
        return createdAt;
    }
}
