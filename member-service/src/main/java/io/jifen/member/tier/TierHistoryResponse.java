package io.jifen.member.tier;

import java.time.Instant;

record TierHistoryResponse(String from, String to, String reason, Instant changedAt) {
}
