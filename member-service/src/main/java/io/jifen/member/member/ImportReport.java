package io.jifen.member.member;

import java.util.List;
import java.util.UUID;

/** What an import did, row by row (rows numbered from 1, in file order). */
record ImportReport(int accepted, int skipped, int rejected, List<RowResult> rows) {

    /**
     * @param status   accepted (created), skipped (a member with this externalId exists: re-run), rejected
     * @param code     why a row was rejected: validation_failed, phone_taken, unknown_tier …
     * @param errors   the invalid fields of a validation_failed row
     */
    record RowResult(int row, String externalId, String status, UUID memberId, String code, List<String> errors) {
    }
}
