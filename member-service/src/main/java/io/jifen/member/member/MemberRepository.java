package io.jifen.member.member;

import io.jifen.web.ApiException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Limit;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

public interface MemberRepository extends JpaRepository<Member, UUID>, JpaSpecificationExecutor<Member> {

    Optional<Member> findByExternalId(String externalId);

    Optional<Member> findByPhone(String phone);

    Optional<Member> findByReferralCode(String referralCode);

    boolean existsByTierCodeOrTierFloorCode(String tierCode, String tierFloorCode);

    /** Members whose tier is due for re-evaluation, in id order, from after {@code after} (keyset paging). */
    List<Member> findByTierSinceLessThanEqualAndTierCodeNotAndIdGreaterThanOrderByIdAsc(Instant dueBefore,
            String lowestTier, UUID after, Limit limit);

    /** The member of the current tenant; another tenant's id is simply not found (the tenant filter sees to it). */
    default Member require(UUID id) {
        return findById(id).orElseThrow(() -> ApiException.notFound("Member", id));
    }

    /** Members of the current tenant not in this status (the member quota counts those not closed). */
    long countByStatusNot(MemberStatus status);
}
