package io.jifen.points.legacy;

import java.util.List;
import java.util.UUID;

/** What an import did, row by row (numbered from 1 in file order). */
record LegacyImportReport(int accepted, int skipped, int rejected, long pointsImported, List<RowResult> rows) {

    /**
     * @param status accepted (credited), skipped (this member's row with this reference was imported before),
     *               rejected ({@code code} says why: member_not_found, member_closed, already_expired)
     */
    record RowResult(int row, UUID memberId, String status, long points, String entryId, String code) {
    }
}
