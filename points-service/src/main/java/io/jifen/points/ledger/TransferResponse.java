package io.jifen.points.ledger;

import java.util.UUID;

/** Both sides of a transfer and their balances after it. */
record TransferResponse(UUID fromMemberId, UUID toMemberId, long points, long fromBalance, long toBalance) {
}
