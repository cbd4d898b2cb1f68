package io.jifen.points.ledger;

import java.util.UUID;

/**
 * What a posting did.
 *
 * @param entryId      the entry written; {@code null} when nothing moved (a clamped debit on an empty account)
 * @param points       the points actually moved (positive), possibly fewer than asked for when clamped
 * @param balanceAfter the account's balance after it
 */
public record Posted(UUID entryId, long points, long balanceAfter) {
}
