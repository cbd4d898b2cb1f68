package io.jifen.member.tier;

import java.time.Instant;

/**
 * @param growthValue      growth value counted by the tenant's basis (in the rolling window, or ever)
 * @param nextTier         the tier above the current one, null at the top
 * @param growthToNextTier what is missing to reach it (0 if already reached but not yet applied), null at the top
 * @param nextEvaluationAt when a scheduled downgrade would re-check the tier; null when tiers never go down
 */
record MemberTierResponse(TierRef tier, TierRef floor, Instant tierSince, long growthValue,
        TierLadder.Basis basis, int windowMonths, NextTier nextTier, Long growthToNextTier, Instant nextEvaluationAt) {

    record TierRef(String code, String name) {
    }

    record NextTier(String code, String name, long threshold) {
    }
}
