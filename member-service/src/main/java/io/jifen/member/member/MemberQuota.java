package io.jifen.member.member;

import io.jifen.tenancy.RedisKeys;
import io.jifen.tenancy.TenantContext;
import io.jifen.web.ApiException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The plan's member quota (docs/adr/0005: {@code maxMembers} in the tenant's state hash, written by tenant-service;
 * empty means unlimited). Members who are not closed count. Checked before a registration, so concurrent
 * registrations at the very edge may pass it by a few: a quota is a commercial limit, not a ledger invariant.
 */
@Component
class MemberQuota {

    private static final Logger log = LoggerFactory.getLogger(MemberQuota.class);

    private final StringRedisTemplate redis;
    private final MemberRepository members;

    MemberQuota(StringRedisTemplate redis, MemberRepository members) {
        this.redis = redis;
        this.members = members;
    }

    void requireRoomForOneMore() {
        Long max = maxMembers();
        if (max != null && members.countByStatusNot(MemberStatus.CLOSED) >= max) {
            throw new ApiException(HttpStatus.FORBIDDEN, "quota_exceeded",
                    "The tenant's plan allows " + max + " members; upgrade the plan to register more",
                    Map.of("quota", "members", "limit", max));
        }
    }

    /** Null when unlimited, or when Redis cannot say (registration must not stop because Redis is down). */
    private Long maxMembers() {
        try {
            Object value = redis.opsForHash().get(RedisKeys.forTenant(TenantContext.require(), "state"), "maxMembers");
            return value == null || value.toString().isBlank() ? null : Long.valueOf(value.toString());
        } catch (DataAccessException | NumberFormatException e) {
            log.warn("Member quota unknown ({}); registering without it", e.toString());
            return null;
        }
    }
}
