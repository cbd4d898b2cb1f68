package io.jifen.member.card;

import io.jifen.tenancy.TenantScopedEntity;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.data.domain.Persistable;

/** One membership card. Its number is its id (unique per tenant); dead cards are kept so lookups can explain. */
@Entity
public class Card extends TenantScopedEntity implements Persistable<String> {

    @Id
    private String number;
    private UUID memberId;
    @Convert(converter = CardStatus.DbConverter.class)
    private CardStatus status;
    private Instant issuedAt;
    private Instant endedAt;
    // The number is assigned, not generated: without this, save() would merge (a SELECT) instead of persist.
    @Transient
    private boolean fresh = true;

    protected Card() {
    }

    Card(String number, UUID memberId) {
        this.number = number;
        this.memberId = memberId;
        this.status = CardStatus.ACTIVE;
        this.issuedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    void reportLost() {
        status = CardStatus.LOST;
    }

    void kill() {
        status = CardStatus.DEAD;
        endedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    @PostLoad
    @PostPersist
    void markStored() {
        fresh = false;
    }

    @Override
    public String getId() {
        return number;
    }

    @Override
    public boolean isNew() {
        return fresh;
    }

    public String getNumber() {
        return number;
    }

    public UUID getMemberId() {
        return memberId;
    }

    public CardStatus getStatus() {
        return status;
    }

    public Instant getIssuedAt() {
        return issuedAt;
    }

    public Instant getEndedAt() {
        return endedAt;
    }
}
