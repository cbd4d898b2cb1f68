package io.jifen.member.ticket;

import io.jifen.tenancy.TenantScopedEntity;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** A complaint, piece of feedback or enquiry of a member, worked on by the merchant's staff. */
@Entity
class ServiceTicket extends TenantScopedEntity {

    @Id
    private UUID id;
    private UUID memberId;
    private String type;
    private String subject;
    private String description;
    @Convert(converter = TicketStatus.DbConverter.class)
    private TicketStatus status;
    private String assignee;
    private Instant createdAt;
    private Instant updatedAt;
    @Version
    private Long version;

    protected ServiceTicket() {
    }

    ServiceTicket(UUID memberId, OpenTicketRequest request) {
        this.id = UUID.randomUUID();
        this.memberId = memberId;
        this.type = request.type();
        this.subject = request.subject();
        this.description = request.description();
        this.status = TicketStatus.OPEN;
        this.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        this.updatedAt = createdAt;
    }

    void moveTo(TicketStatus next) {
        this.status = next;
        touch();
    }

    void assignTo(String assignee) {
        this.assignee = assignee;
        touch();
    }

    void touch() {
        this.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    UUID getId() {
        return id;
    }

    UUID getMemberId() {
        return memberId;
    }

    String getType() {
        return type;
    }

    String getSubject() {
        return subject;
    }

    String getDescription() {
        return description;
    }

    TicketStatus getStatus() {
        return status;
    }

    String getAssignee() {
        return assignee;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    Instant getUpdatedAt() {
        return updatedAt;
    }
}
