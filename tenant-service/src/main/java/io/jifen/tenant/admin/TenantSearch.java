package io.jifen.tenant.admin;

import io.jifen.tenant.tenant.Tenant;
import io.jifen.tenant.tenant.TenantStatus;
import jakarta.persistence.criteria.Predicate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.data.jpa.domain.Specification;

/**
 * The platform admin's tenant search; every criterion is optional.
 *
 * @param text matched, case-insensitively, anywhere in the name or the slug
 */
record TenantSearch(TenantStatus status, String plan, String text) {

    Specification<Tenant> toSpecification() {
        return (root, query, cb) -> {
            List<Predicate> predicates = new ArrayList<>();
            if (status != null) {
                predicates.add(cb.equal(root.get("status"), status));
            }
            if (plan != null && !plan.isBlank()) {
                predicates.add(cb.equal(root.get("planCode"), plan));
            }
            if (text != null && !text.isBlank()) {
                String pattern = "%" + escape(text.trim().toLowerCase(Locale.ROOT)) + "%";
                predicates.add(cb.or(cb.like(cb.lower(root.get("name")), pattern, '\\'),
                        cb.like(root.get("slug"), pattern, '\\')));
            }
            return cb.and(predicates.toArray(Predicate[]::new));
        };
    }

    /** The user's text is text: '%' and '_' match themselves. */
    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
