package io.jifen.points.expiry;

import io.jifen.points.ledger.Ledger;
import io.jifen.points.ledger.Posting;
import io.jifen.tenancy.TenantContext;
import io.jifen.web.ApiException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The velocity guard's review queue. A decision is taken once: approving activates the held lot like a pending one
 * (an earn entry by the approving admin), rejecting cancels it; repeating the same decision answers the review as
 * it is, the other decision is 409 {@code review_decided}. Who decided, with which client and why is kept.
 */
@Service
class EarnReviews {

    static final String DAILY_CAP = "daily-cap";
    static final String ABOVE_THRESHOLD = "above-threshold";

    private static final String SELECT = """
            select r.id, r.member_id, case when r.status = 'open' then l.remaining else r.points end, r.cause,
                   r.status, r.source_id, r.created_at, r.decided_by, r.decision_reason, r.decided_at, r.lot_id
            from earn_review r join lot l on l.tenant_id = r.tenant_id and l.id = r.lot_id
            """;

    private final JdbcTemplate jdbc;
    private final Ledger ledger;

    EarnReviews(JdbcTemplate jdbc, Ledger ledger) {
        this.jdbc = jdbc;
        this.ledger = ledger;
    }

    void open(UUID lotId, Posting posting, long points, String cause) {
        jdbc.update("""
                insert into earn_review (tenant_id, id, lot_id, member_id, points, cause, source_id)
                values (?, ?, ?, ?, ?, ?, ?)""", tenant(), UUID.randomUUID(), lotId, posting.memberId(), points, cause,
                posting.sourceId());
    }

    /** A refund cancelled the held points: nothing is left to decide. */
    void closeCancelled(UUID lotId) {
        jdbc.update("""
                update earn_review set status = 'cancelled', decision_reason = 'refunded', decided_at = now()
                where tenant_id = ? and lot_id = ? and status = 'open'""", tenant(), lotId);
    }

    @Transactional(readOnly = true)
    public ReviewPage list(String status, int page, int size) {
        List<ReviewView> rows = jdbc.query(SELECT + """
                where r.tenant_id = ? and r.status = ? order by r.created_at, r.id limit ? offset ?""",
                (row, i) -> view(row), tenant(), status, size + 1, (long) page * size);
        boolean more = rows.size() > size;
        return new ReviewPage(more ? rows.subList(0, size) : rows, page, size, more);
    }

    @Transactional
    public ReviewView approve(UUID id, String reason) {
        return decide(id, "approved", reason);
    }

    @Transactional
    public ReviewView reject(UUID id, String reason) {
        return decide(id, "rejected", reason);
    }

    private ReviewView decide(UUID id, String decision, String reason) {
        ReviewView review = find(id).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "review_not_found",
                "Review " + id + " was not found"));
        // The account first, then the review: the order a refund cancelling these points takes them in.
        ledger.lockAll(List.of(review.memberId()));
        review = find(id).orElseThrow();
        if (review.status().equals(decision)) {
            return review;
        }
        if (!review.status().equals("open")) {
            throw ApiException.conflict("review_decided", "Review " + id + " is already " + review.status());
        }
        Jwt token = (Jwt) SecurityContextHolder.getContext().getAuthentication().getPrincipal();
        if (decision.equals("approved")) {
            ledger.activate(review.memberId(), review.lotId(), token.getSubject(), token.getClaimAsString("azp"));
        } else {
            ledger.cancelLot(review.memberId(), review.lotId());
        }
        jdbc.update("""
                update earn_review set status = ?, decided_by = ?, decided_client = ?, decision_reason = ?,
                                       decided_at = now()
                where tenant_id = ? and id = ?""", decision, token.getSubject(), token.getClaimAsString("azp"),
                reason, tenant(), id);
        return find(id).orElseThrow();
    }

    private Optional<ReviewView> find(UUID id) {
        return jdbc.query(SELECT + "where r.tenant_id = ? and r.id = ?", (row, i) -> view(row), tenant(), id)
                .stream().findFirst();
    }

    private static ReviewView view(ResultSet row) throws SQLException {
        Timestamp decidedAt = row.getTimestamp(10);
        return new ReviewView(row.getObject(1, UUID.class), row.getObject(2, UUID.class), row.getLong(3),
                row.getString(4), row.getString(5), row.getString(6), row.getTimestamp(7).toInstant(),
                row.getString(8), row.getString(9), decidedAt == null ? null : decidedAt.toInstant(),
                row.getObject(11, UUID.class));
    }

    private static UUID tenant() {
        return TenantContext.require().value();
    }
}
