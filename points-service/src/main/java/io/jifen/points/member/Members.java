package io.jifen.points.member;

import io.jifen.web.ApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * {@link #find} for many references ({@code refs} distinct): what the projection knows in one statement per kind
     * of reference, then member-service for the rest, in the order given.
     */
    @Transactional
    public Map<MemberRef, Optional<Member>> findAll(List<MemberRef> refs) {
        Map<MemberRef, Member> known = projection.findAll(refs);
        Map<MemberRef, Optional<Member>> found = new LinkedHashMap<>();
        for (MemberRef ref : refs) {
            Member member = known.get(ref);
            found.put(ref, (member != null ? Optional.of(member) : memberService.lookup(ref).map(looked -> {
                projection.upsert(looked);
                return looked;
            })).filter(candidate -> !candidate.isErased()));
        }
        return found;
    }

    /** The member, who must be allowed to earn and spend (not frozen, not closed). */
    @Transactional
    public Member requireActive(MemberRef ref) {
        return active(ref, find(ref));
    }

    /**
     * {@link #requireActive} for a member a caller's own statement has already looked up in the projection
     * ({@code projected}; null when the projection does not know it, and then exactly {@link #requireActive}).
     */
    @Transactional
    public Member requireActive(MemberRef ref, Member projected) {
        return projected == null ? requireActive(ref)
                : active(ref, Optional.of(projected).filter(candidate -> !candidate.isErased()));
    }

    private Member active(MemberRef ref, Optional<Member> member) {
        refusal(ref, member).ifPresent(problem -> {
            throw problem;
        });
        return member.orElseThrow();
    }

    /**
     * Why {@link #requireActive} would refuse a member {@link #find} answered ({@code member_not_found},
     * {@code member_frozen}, {@code member_closed}), or empty when the member may earn and spend; for callers that
     * report a refusal instead of failing their transaction.
     */
    public Optional<ApiException> refusal(MemberRef ref, Optional<Member> found) {
        if (found.isEmpty()) {
            return Optional.of(notFound(ref));
        }
        if (found.get().isFrozen()) {
            return Optional.of(ApiException.conflict("member_frozen",
                    "Member " + ref + " is frozen: points cannot move"));
        }
        if (found.get().isClosed()) {
            return Optional.of(ApiException.conflict("member_closed",
                    "Member " + ref + " is closed: points cannot move"));
        }
        return Optional.empty();
    }

    private static ApiException notFound(MemberRef ref) {
        return new ApiException(HttpStatus.NOT_FOUND, "member_not_found", "Member " + ref + " was not found");
    }
}
