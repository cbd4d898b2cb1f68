package io.jifen.points.ledger;

import io.jifen.points.member.MemberRef;
import io.jifen.points.member.Members;
import io.jifen.points.settings.LedgerSettings;
import io.jifen.points.settings.PointsSettings;
import io.jifen.tenancy.TenantContext;
import io.jifen.web.ApiException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves points between two members of a tenant that allows it: a {@code transfer-out} debit (soonest-expiring lots
 * first, refused when not covered) and a {@code transfer-in} credit as a new lot, in one transaction. The giver's
 * lots keep their expiry; the receiver's new lot does not expire (expiry policies apply to earnings). Events:
 * {@code points.reversed} for the giver and {@code points.earned} for the receiver, reason {@code transfer}, so the
 * tenant's liability is unchanged.
 */
@Service
class TransferService {

    private final Members members;
    private final Ledger ledger;
    private final LedgerSettings settings;
    private final JdbcTemplate jdbc;

    TransferService(Members members, Ledger ledger, LedgerSettings settings, JdbcTemplate jdbc) {
        this.members = members;
        this.ledger = ledger;
        this.settings = settings;
        this.jdbc = jdbc;
    }

    @Transactional
    public TransferResponse transfer(TransferPointsRequest request) {
        // Members first: another tenant's member is a 404 whatever this tenant's settings say.
        members.requireActive(MemberRef.byId(request.fromMemberId()));
        members.requireActive(MemberRef.byId(request.toMemberId()));
        if (!settings.transfersEnabled()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "transfers_disabled",
                    "This program does not allow members to transfer points");
        }
        ledger.lockAll(List.of(request.fromMemberId(), request.toMemberId()));
        checkLimits(request, settings.current());
        String source = request.fromMemberId() + "->" + request.toMemberId();
        Posted out = ledger.debit(Posting.of(request.fromMemberId(), EntryKind.TRANSFER_OUT, Reason.TRANSFER, source),
                request.points(), Overdraft.REFUSE);
        Posted in = ledger.credit(Posting.of(request.toMemberId(), EntryKind.TRANSFER_IN, Reason.TRANSFER, source),
                request.points());
        return new TransferResponse(request.fromMemberId(), request.toMemberId(), request.points(),
                out.balanceAfter(), in.balanceAfter());
    }

    /** The tenant's limits on giving, counted under the giver's account lock so two transfers cannot both fit. */
    private void checkLimits(TransferPointsRequest request, PointsSettings policy) {
        PointsSettings.TransferLimits limits = policy.transferLimits();
        if (limits.maxPointsPerTransfer() != null && request.points() > limits.maxPointsPerTransfer()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "transfer_limit_exceeded",
                    "A transfer moves at most " + limits.maxPointsPerTransfer() + " points");
        }
        if (limits.maxPointsPerMemberPerDay() != null) {
            Long given = jdbc.queryForObject("""
                    select coalesce(-sum(points), 0) from ledger_entry
                    where tenant_id = ? and member_id = ? and kind = 'transfer-out' and created_at >= ?""", Long.class,
                    TenantContext.require().value(), request.fromMemberId(),
                    Timestamp.from(policy.startOfDay(Instant.now())));
            if (given + request.points() > limits.maxPointsPerMemberPerDay()) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "transfer_limit_exceeded",
                        "A member gives at most " + limits.maxPointsPerMemberPerDay() + " points a day; "
                                + given + " given today");
            }
        }
    }
}
