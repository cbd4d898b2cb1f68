package io.jifen.member.member;

import java.util.UUID;

/** Payloads of the events this package emits (stream {@code jifen:events:member-service}). */
final class MemberEvents {

    private MemberEvents() {
    }

    /** {@code member.registered} */
    record MemberRegistered(UUID memberId, String externalId, String cardNumber, MemberStatus status, String tierCode,
            UUID referrerId) {
    }

    /** {@code member.status-changed} */
    record MemberStatusChanged(UUID memberId, MemberStatus status) {
    }

    /** {@code member.imported}: points-service credits {@code openingBalance} (once per member) */
    record MemberImported(UUID memberId, String externalId, long openingBalance) {
    }

    /** {@code member.erased} */
    record MemberErased(UUID memberId) {
    }

    /** {@code member.profile-completed} */
    record MemberProfileCompleted(UUID memberId) {
    }
}
