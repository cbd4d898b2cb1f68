package io.jifen.points.expiry;

import java.util.List;

/** A page of the review queue, oldest first. */
record ReviewPage(List<ReviewView> items, int page, int size, boolean hasMore) {
}
