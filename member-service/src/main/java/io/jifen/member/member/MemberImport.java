package io.jifen.member.member;

import io.jifen.member.tier.TierService;
import io.jifen.web.ApiException;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bulk import: each row in its own transaction (a bad row costs only itself), registered exactly like a single
 * registration (card, events, completeness), then its tier and opening balance. A row whose externalId already
 * exists is skipped, so running the same file twice creates nothing the second time.
 */
@Service
class MemberImport {

    private final MemberService members;
    private final TierService tiers;
    private final MemberOutbox events;
    private final Validator validator;
    private final TransactionTemplate transaction;

    MemberImport(MemberService members, TierService tiers, MemberOutbox events, Validator validator,
            TransactionTemplate transaction) {
        this.members = members;
        this.tiers = tiers;
        this.events = events;
        this.validator = validator;
        this.transaction = transaction;
    }

    ImportReport run(ImportMembersRequest request) {
        return run(request.members().stream().map(row -> new MemberCsv.Line(row, List.of())).toList());
    }

    /** Lines of a CSV file; one that could not be read is rejected with its reasons, like an invalid JSON row. */
    ImportReport run(List<MemberCsv.Line> lines) {
        List<ImportReport.RowResult> results = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            MemberCsv.Line line = lines.get(i);
            results.add(line.errors().isEmpty() ? importRow(i + 1, line.row())
                    : rejected(i + 1, line.row(), "validation_failed", line.errors()));
        }
        return new ImportReport(count(results, "accepted"), count(results, "skipped"), count(results, "rejected"),
                results);
    }

    private ImportReport.RowResult importRow(int number, ImportMembersRequest.Row row) {
        List<String> errors = validator.validate(row).stream()
                .map(v -> v.getPropertyPath() + ": " + v.getMessage()).sorted().toList();
        if (!errors.isEmpty()) {
            return rejected(number, row, "validation_failed", errors);
        }
        try {
            return transaction.execute(status -> members.idByExternalId(row.externalId())
                    .map(id -> result(number, row, "skipped", id))
                    .orElseGet(() -> result(number, row, "accepted", create(row))));
        } catch (ApiException e) {
            return rejected(number, row, e.code(), List.of());
        } catch (DataIntegrityViolationException e) {
            ApiException known = UniqueViolations.translate(e);
            if (known == null) {
                throw e;
            }
            return rejected(number, row, known.code(), List.of());
        }
    }

    private UUID create(ImportMembersRequest.Row row) {
        UUID id = members.register(row.registration()).id();
        if (row.tierCode() != null && !tiers.assignImported(id, row.tierCode())) {
            throw ApiException.badRequest("unknown_tier", "There is no tier '" + row.tierCode() + "'");
        }
        events.imported(id, row.externalId(), row.openingBalance() == null ? 0 : row.openingBalance());
        return id;
    }

    private static ImportReport.RowResult result(int number, ImportMembersRequest.Row row, String status, UUID id) {
        return new ImportReport.RowResult(number, row.externalId(), status, id, null, null);
    }

    private static ImportReport.RowResult rejected(int number, ImportMembersRequest.Row row, String code,
            List<String> errors) {
        return new ImportReport.RowResult(number, row.externalId(), "rejected", null, code,
                errors.isEmpty() ? null : errors);
    }

    private static int count(List<ImportReport.RowResult> results, String status) {
        return (int) results.stream().filter(r -> r.status().equals(status)).count();
    }

}
