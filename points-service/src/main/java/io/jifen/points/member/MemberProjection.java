package io.jifen.points.member;

import io.jifen.points.transaction.SqlArray;
import io.jifen.tenancy.TenantContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The local copy of member-service's members (native SQL: the tenant is named in every statement). */
@Repository
class MemberProjection {

    private static final RowMapper<Member> ROW = (row, i) -> new Member(row.getObject("member_id", UUID.class),
            row.getString("external_id"), row.getString("card_number"), row.getString("status"),
            row.getString("tier_code"));

    private final JdbcTemplate jdbc;

    MemberProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Member> find(MemberRef ref) {
        List<Member> found = jdbc.query("select member_id, external_id, card_number, status, tier_code from member "
                + "where tenant_id = ? and " + ref.column() + " = ?", ROW, tenant(), ref.value());
        return found.stream().findFirst();
    }

    /** What the projection knows of these references, three statements at most (one per kind of reference). */
    Map<MemberRef, Member> findAll(List<MemberRef> refs) {
        Map<MemberRef, Member> found = new HashMap<>();
        List<UUID> ids = refs.stream().map(MemberRef::memberId).filter(Objects::nonNull).toList();
        List<String> cards = refs.stream().filter(ref -> ref.memberId() == null).map(MemberRef::cardNumber)
                .filter(Objects::nonNull).toList();
        List<String> externalIds = refs.stream().filter(ref -> ref.memberId() == null && ref.cardNumber() == null)
                .map(MemberRef::externalId).filter(Objects::nonNull).toList();
        if (!ids.isEmpty()) {
            findBy("member_id", SqlArray.of("uuid", ids))
                    .forEach(member -> found.put(MemberRef.byId(member.memberId()), member));
        }
        if (!cards.isEmpty()) {
            findBy("card_number", SqlArray.of("text", cards))
                    .forEach(member -> found.put(new MemberRef(null, member.cardNumber(), null), member));
        }
        if (!externalIds.isEmpty()) {
            findBy("external_id", SqlArray.of("text", externalIds))
                    .forEach(member -> found.put(new MemberRef(null, null, member.externalId()), member));
        }
        return found;
    }

    private List<Member> findBy(String column, SqlArray values) {
        return jdbc.query("select member_id, external_id, card_number, status, tier_code from member "
                + "where tenant_id = ? and " + column + " = any(?::" + values.type() + "[])",
                SqlArray.bind(tenant(), values), ROW);
    }

    void upsert(Member member) {
        // A card or external id another (stale) row still holds moves to this member: the newest news wins.
        jdbc.update("update member set card_number = null where tenant_id = ? and card_number = ? and member_id <> ?",
                tenant(), member.cardNumber(), member.memberId());
        jdbc.update("update member set external_id = null where tenant_id = ? and external_id = ? and member_id <> ?",
                tenant(), member.externalId(), member.memberId());
        jdbc.update("""
                insert into member (tenant_id, member_id, external_id, card_number, status, tier_code)
                values (?, ?, ?, ?, ?, ?)
                on conflict (tenant_id, member_id) do update
                set external_id = excluded.external_id, card_number = excluded.card_number,
                    status = excluded.status, tier_code = coalesce(member.tier_code, excluded.tier_code),
                    updated_at = now()""",
                tenant(), member.memberId(), member.externalId(), member.cardNumber(), member.status(),
                member.tierCode());
    }

    void changeStatus(UUID memberId, String status) {
        jdbc.update("""
                insert into member (tenant_id, member_id, status) values (?, ?, ?)
                on conflict (tenant_id, member_id) do update set status = excluded.status, updated_at = now()""",
                tenant(), memberId, status);
    }

    /** {@code tier.changed}: the newest tier wins (events of one member arrive in order on one stream). */
    void changeTier(UUID memberId, String tierCode) {
        jdbc.update("""
                insert into member (tenant_id, member_id, status, tier_code) values (?, ?, 'active', ?)
                on conflict (tenant_id, member_id) do update set tier_code = excluded.tier_code, updated_at = now()""",
                tenant(), memberId, tierCode);
    }

    void changeCard(UUID memberId, String newNumber) {
        jdbc.update("update member set card_number = null where tenant_id = ? and card_number = ?", tenant(), newNumber);
        jdbc.update("update member set card_number = ?, updated_at = now() where tenant_id = ? and member_id = ?",
                newNumber, tenant(), memberId);
    }

    /** Keeps the id (the ledger refers to it) and drops the personal identifiers. */
    void erase(UUID memberId) {
        jdbc.update("""
                insert into member (tenant_id, member_id, status) values (?, ?, 'erased')
                on conflict (tenant_id, member_id) do update
                set status = 'erased', external_id = null, card_number = null, updated_at = now()""",
                tenant(), memberId);
    }

    private static UUID tenant() {
        return TenantContext.require().value();
    }
}
