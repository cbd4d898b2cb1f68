package io.jifen.member.card;

import java.util.UUID;

/** {@code card.reissued}: the old number is dead from now on. */
record CardReissued(UUID memberId, String oldNumber, String newNumber) {
}
