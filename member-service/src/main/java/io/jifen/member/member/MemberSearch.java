package io.jifen.member.member;

import jakarta.persistence.criteria.Predicate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hibernate.query.criteria.HibernateCriteriaBuilder;
import org.springframework.data.jpa.domain.Specification;

/** The list filters; each one given narrows the result. The tenant predicate is Hibernate's, never added here. */
record MemberSearch(String tier, MemberStatus status, String tag, Instant joinedFrom, Instant joinedTo, String q) {

    Specification<Member> toSpecification() {
        return (root, query, cb) -> {
            List<Predicate> where = new ArrayList<>();
            if (tier != null) {
                where.add(cb.equal(root.get("tierCode"), tier));
            }
            if (status != null) {
                where.add(cb.equal(root.get("status"), status));
            }
            if (tag != null) {
                where.add(((HibernateCriteriaBuilder) cb).arrayContains(root.<String[]>get("tags"), tag));
            }
            if (joinedFrom != null) {
                where.add(cb.greaterThanOrEqualTo(root.get("joinedAt"), joinedFrom));
            }
            if (joinedTo != null) {
                where.add(cb.lessThan(root.get("joinedAt"), joinedTo));
            }
            if (q != null && !q.isBlank()) {
                String pattern = "%" + escape(q.strip().toLowerCase(Locale.ROOT)) + "%";
                where.add(cb.or(cb.like(cb.lower(root.get("name")), pattern, '\\'),
                        cb.like(root.get("phone"), pattern, '\\'),
                        cb.like(cb.lower(root.get("email")), pattern, '\\')));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
