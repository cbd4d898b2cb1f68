package io.jifen.member.member;

import io.jifen.tenancy.TenantScopedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/** A merchant's customer. Tier and status change only through their services; the profile through {@link #apply}. */
@Entity
public class Member extends TenantScopedEntity {

    @Id
    private UUID id;
    private String externalId;
    private String name;
    private String phone;
    private String email;
    private String gender;
    private LocalDate birthday;
    private String address;
    @Convert(converter = AttributesConverter.class)
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private Map<String, String> attributes;
    private String[] tags;
    private String referralCode;
    private UUID referrerId;
    @Convert(converter = MemberStatus.DbConverter.class)
    private MemberStatus status;
    private String tierCode;
    private String tierFloorCode;
    private Instant tierSince;
    private String cardNumber;
    private boolean profileCompleted;
    private Instant erasedAt;
    private Instant joinedAt;
    private Instant updatedAt;
    @Version
    private Long version;

    protected Member() {
    }

    public Member(Profile profile, String referralCode, UUID referrerId, String tierCode) {
        this.id = UUID.randomUUID();
        this.externalId = profile.externalId();
        this.referralCode = referralCode;
        this.referrerId = referrerId;
        this.status = MemberStatus.ACTIVE;
        this.tierCode = tierCode;
        this.joinedAt = now();
        this.tierSince = joinedAt;
        this.updatedAt = joinedAt;
        apply(profile);
    }

    /** Replaces every profile field with the given values (a patch is merged into a {@link Profile} first). */
    public void apply(Profile profile) {
        this.name = profile.name();
        this.phone = profile.phone();
        this.email = profile.email();
        this.gender = profile.gender();
        this.birthday = profile.birthday();
        this.address = profile.address();
        this.attributes = profile.attributes() == null ? Map.of() : Map.copyOf(profile.attributes());
        this.tags = profile.tags() == null ? new String[0] : profile.tags().stream().distinct().toArray(String[]::new);
        this.updatedAt = now();
    }

    public Profile profile() {
        return new Profile(externalId, name, phone, email, gender, birthday, address, attributes, getTags());
    }

    /**
     * Privacy erasure: nothing that identifies the person stays (the external id neither: merchants often use a
     * phone number or e-mail as one); the id, tier, ledger and statistics do. False if it was erased before.
     */
    public boolean erase() {
        if (erasedAt != null) {
            return false;
        }
        apply(new Profile(null, "erased", null, null, null, null, null, Map.of(), List.of()));
        this.externalId = null;
        this.status = MemberStatus.CLOSED;
        this.erasedAt = updatedAt;
        return true;
    }

    public void changeStatus(MemberStatus status) {
        this.status = status;
        this.updatedAt = now();
    }

    public void changeTier(String tierCode) {
        this.tierCode = tierCode;
        this.tierSince = now();
        this.updatedAt = tierSince;
    }

    /** The tier was re-evaluated and kept: the next evaluation is a full window away. */
    public void confirmTier() {
        this.tierSince = now();
    }

    public void setTierFloor(String tierFloorCode) {
        this.tierFloorCode = tierFloorCode;
    }

    public void setCardNumber(String cardNumber) {
        this.cardNumber = cardNumber;
    }

    /** True the first time only: the completion event is emitted once per member. */
    public boolean markProfileCompleted() {
        if (profileCompleted) {
            return false;
        }
        profileCompleted = true;
        return true;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    public UUID getId() {
        return id;
    }

    public String getExternalId() {
        return externalId;
    }

    public String getName() {
        return name;
    }

    public String getPhone() {
        return phone;
    }

    public String getEmail() {
        return email;
    }

    public List<String> getTags() {
        return tags == null ? List.of() : List.of(tags);
    }

    public String getReferralCode() {
        return referralCode;
    }

    public UUID getReferrerId() {
        return referrerId;
    }

    public MemberStatus getStatus() {
        return status;
    }

    public String getTierCode() {
        return tierCode;
    }

    public String getTierFloorCode() {
        return tierFloorCode;
    }

    public Instant getTierSince() {
        return tierSince;
    }

    public String getCardNumber() {
        return cardNumber;
    }

    public Instant getJoinedAt() {
        return joinedAt;
    }

    public boolean isProfileCompleted() {
        return profileCompleted;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
