package io.jifen.points.ledger;

import io.jifen.points.member.MemberRef;
import io.jifen.points.member.Members;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A tenant admin's manual correction, audited with who made it (token subject and client). A positive one is a
 * new lot ({@code points.earned}, reason admin); a negative one spends from the soonest-expiring lots and is
 * refused when the balance does not cover it ({@code points.reversed}, reason admin: it takes back points, it
 * does not redeem anything).
 */
@Service
class AdjustmentService {

    private final Members members;
    private final Ledger ledger;

    AdjustmentService(Members members, Ledger ledger) {
        this.members = members;
        this.ledger = ledger;
    }

    @Transactional
    public AdjustmentResponse adjust(AdjustPointsRequest request) {
        members.requireActive(MemberRef.byId(request.memberId()));
        Jwt token = (Jwt) SecurityContextHolder.getContext().getAuthentication().getPrincipal();
        Posting posting = new Posting(request.memberId(), EntryKind.ADJUST, Reason.ADMIN, null, request.reason(),
                token.getSubject(), token.getClaimAsString("azp"));
        long points = request.points();
        Posted posted = points > 0 ? ledger.credit(posting, points)
                : ledger.debit(posting, -points, Overdraft.REFUSE);
        return new AdjustmentResponse(posted.entryId(), request.memberId(), points, posted.balanceAfter());
    }
}
