package io.jifen.points.reward;

import java.util.List;

/** A page of the catalog, newest first. */
record RewardPage(List<RewardResponse> items, int page, int size, boolean hasMore) {
}
