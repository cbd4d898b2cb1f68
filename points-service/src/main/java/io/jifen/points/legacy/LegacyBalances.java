package io.jifen.points.legacy;

import io.jifen.points.ledger.EntryKind;
import io.jifen.points.ledger.Ledger;
import io.jifen.points.ledger.Posted;
import io.jifen.points.ledger.Posting;
import io.jifen.points.ledger.Reason;
import io.jifen.points.member.Member;
import io.jifen.points.member.MemberRef;
import io.jifen.points.member.Members;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Credits legacy balances, each on a lot of its own with its own expiry (an {@code adjust} entry, reason
 * {@code admin}, source {@code legacy:<reference>}), so they are spent soonest-expiring first like any other points.
 * Runs in the caller's transaction (the idempotent request's): a row whose member cannot take points is reported and
 * the others go in; a row already imported for that member (same reference) is skipped, checked under the account lock.
 */
@Service
class LegacyBalances {

    static final String SOURCE_PREFIX = "legacy:";

    private final Members members;
    private final Ledger ledger;

    LegacyBalances(Members members, Ledger ledger) {
        this.members = members;
        this.ledger = ledger;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    LegacyImportReport run(ImportBalancesRequest request, String actor, String actorClient) {
        Instant now = Instant.now();
        List<LegacyImportReport.RowResult> results = new ArrayList<>();
        long imported = 0;
        for (int i = 0; i < request.balances().size(); i++) {
            ImportBalancesRequest.Row row = request.balances().get(i);
            LegacyImportReport.RowResult result = importRow(i + 1, row, now, actor, actorClient);
            if (result.status().equals("accepted")) {
                imported += result.points();
            }
            results.add(result);
        }
        return new LegacyImportReport(count(results, "accepted"), count(results, "skipped"),
                count(results, "rejected"), imported, results);
    }

    private LegacyImportReport.RowResult importRow(int number, ImportBalancesRequest.Row row, Instant now,
            String actor, String actorClient) {
        if (row.expiresAt() != null && !row.expiresAt().isAfter(now)) {
            return new LegacyImportReport.RowResult(number, row.memberId(), "rejected", row.points(), null,
                    "already_expired");
        }
        Optional<Member> found = members.find(new MemberRef(row.memberId(), row.cardNumber(), row.externalId()));
        if (found.isEmpty()) {
            return new LegacyImportReport.RowResult(number, row.memberId(), "rejected", row.points(), null,
                    "member_not_found");
        }
        Member member = found.get();
        if (member.isClosed()) {
            return new LegacyImportReport.RowResult(number, member.memberId(), "rejected", row.points(), null,
                    "member_closed");
        }
        String source = SOURCE_PREFIX + reference(row);
        Optional<UUID> earlier = ledger.lockAndFindEntry(member.memberId(), EntryKind.ADJUST, source);
        if (earlier.isPresent()) {
            return new LegacyImportReport.RowResult(number, member.memberId(), "skipped", row.points(),
                    earlier.get().toString(), null);
        }
        Posted posted = ledger.credit(new Posting(member.memberId(), EntryKind.ADJUST, Reason.ADMIN, source,
                row.note() == null ? "legacy balance import" : row.note(), actor, actorClient), row.points(),
                row.expiresAt());
        return new LegacyImportReport.RowResult(number, member.memberId(), "accepted", row.points(),
                posted.entryId().toString(), null);
    }

    private static String reference(ImportBalancesRequest.Row row) {
        return row.reference() != null ? row.reference()
                : row.points() + "@" + (row.expiresAt() == null ? "never" : row.expiresAt().toString());
    }

    private static int count(List<LegacyImportReport.RowResult> results, String status) {
        return (int) results.stream().filter(r -> r.status().equals(status)).count();
    }
}
