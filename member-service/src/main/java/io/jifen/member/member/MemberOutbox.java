package io.jifen.member.member;

import io.jifen.events.Outbox;
import io.jifen.member.settings.MemberSettingsRepository;
import io.jifen.tenancy.TenantContext;
import org.springframework.stereotype.Component;

/** Writes this package's events to the outbox, in the caller's transaction. */
@Component
class MemberOutbox {

    private final MemberSettingsRepository settings;
    private final Outbox outbox;

    MemberOutbox(MemberSettingsRepository settings, Outbox outbox) {
        this.settings = settings;
        this.outbox = outbox;
    }

    void registered(Member member) {
        outbox.append("member.registered", TenantContext.require(), new MemberEvents.MemberRegistered(member.getId(),
                member.getExternalId(), member.getCardNumber(), member.getStatus(), member.getTierCode(),
                member.getReferrerId()));
    }

    void statusChanged(Member member) {
        outbox.append("member.status-changed", TenantContext.require(),
                new MemberEvents.MemberStatusChanged(member.getId(), member.getStatus()));
    }

    void imported(java.util.UUID memberId, String externalId, long openingBalance) {
        outbox.append("member.imported", TenantContext.require(),
                new MemberEvents.MemberImported(memberId, externalId, openingBalance));
    }

    void erased(Member member) {
        outbox.append("member.erased", TenantContext.require(), new MemberEvents.MemberErased(member.getId()));
    }

    /**
     * Emits {@code member.profile-completed} the first time all of the tenant's required profile fields are filled
     * (earning rules reward it). The member's flag makes it once per member, even if fields are cleared and refilled.
     */
    void profileCompletedIfSo(Member member) {
        Profile profile = member.profile();
        boolean complete = settings.find(TenantContext.require()).requiredProfileFields().stream()
                .allMatch(profile::has);
        if (complete && member.markProfileCompleted()) {
            outbox.append("member.profile-completed", TenantContext.require(),
                    new MemberEvents.MemberProfileCompleted(member.getId()));
        }
    }
}
