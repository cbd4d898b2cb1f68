package io.jifen.points.member;

import io.jifen.web.ApiException;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Resolves the member a request names: the projection first, member-service on a miss. */
@Service
public class Members {

    private final MemberProjection projection;
    private final MemberServiceClient memberService;

    Members(MemberProjection projection, MemberServiceClient memberService) {
        this.projection = projection;
        this.memberService = memberService;
    }

    /** The member, whatever its status; 404 {@code member_not_found} when neither source knows it. */
    @Transactional
    public Member require(MemberRef ref) {
        return find(ref).orElseThrow(() -> notFound(ref));
    }

    /**
     * The member, or empty when neither source knows it (or it was erased); for callers that report a missing member
     * instead of failing, since an exception leaving this method would mark their transaction rollback-only.
     */
    @Transactional
    public Optional<Member> find(MemberRef ref) {
        return projection.find(ref).or(() -> memberService.lookup(ref).map(found -> {
            projection.upsert(found);
            return found;
        })).filter(member -> !member.isErased());
    }

    /** The member, who must be allowed to earn and spend (not frozen, not closed). */
    @Transactional
    public Member requireActive(MemberRef ref) {
        Member member = require(ref);
        if (member.isFrozen()) {
            throw ApiException.conflict("member_frozen", "Member " + ref + " is frozen: points cannot move");
        }
        if (member.isClosed()) {
            throw ApiException.conflict("member_closed", "Member " + ref + " is closed: points cannot move");
        }
        return member;
    }

    private static ApiException notFound(MemberRef ref) {
        return new ApiException(HttpStatus.NOT_FOUND, "member_not_found", "Member " + ref + " was not found");
    }
}
