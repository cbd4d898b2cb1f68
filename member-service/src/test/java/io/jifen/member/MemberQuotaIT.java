package io.jifen.member;

import static org.assertj.core.api.Assertions.assertThat;

import io.jifen.testsupport.TestHttp;
import org.junit.jupiter.api.Test;

/** The plan's member quota, as tenant-service publishes it in the tenant's state hash (docs/adr/0005). */
class MemberQuotaIT extends MemberServiceTestBase {

    @Test
    void shouldRefuseARegistrationBeyondThePlansMemberQuotaWhileClosedMembersDoNotCount() {
        Tenant tenant = newTenant();
        redis.opsForHash().put("t:{" + tenant.id() + "}:state", "maxMembers", "2");
        register(tenant);
        String closed = register(tenant).path("id").asString();

        TestHttp.Response refused = api.post("/api/v1/members", tenant.staff(), memberBody("Third"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("quota_exceeded");

        assertThat(api.post("/api/v1/members/" + closed + "/close", tenant.staff(), "{}").status()).isEqualTo(200);
        register(tenant);
    }

    @Test
    void shouldNotLimitATenantWhosePlanHasNoMemberQuota() {
        Tenant tenant = newTenant();
        redis.opsForHash().put("t:{" + tenant.id() + "}:state", "maxMembers", "");
        for (int i = 0; i < 3; i++) {
            register(tenant);
        }
    }
}
