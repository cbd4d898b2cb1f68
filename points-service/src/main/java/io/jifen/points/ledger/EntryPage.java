package io.jifen.points.ledger;

import java.util.List;

/** A page of entries, newest first. */
record EntryPage(List<EntryView> items, int page, int size, boolean hasMore) {
}
