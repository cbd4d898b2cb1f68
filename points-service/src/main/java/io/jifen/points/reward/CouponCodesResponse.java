package io.jifen.points.reward;

import java.util.List;
import java.util.UUID;

/**
 * What an import or a generation did.
 *
 * @param added     codes new to the pool
 * @param skipped   codes the pool already had (imports only)
 * @param available codes in the pool not handed out yet
 * @param generated the codes generated (empty for an import)
 */
record CouponCodesResponse(UUID rewardId, int added, int skipped, long available, List<String> generated) {
}
