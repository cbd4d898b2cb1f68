package io.jifen.points.reward;

import java.util.List;

/** A page of redemptions, newest first. */
record RedemptionPage(List<RedemptionResponse> items, int page, int size, boolean hasMore) {
}
