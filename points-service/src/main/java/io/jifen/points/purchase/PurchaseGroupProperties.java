package io.jifen.points.purchase;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Group commit of single purchases (docs/adr/0014-group-commit-of-single-purchases.md): a tenant's purchases that
 * arrive while {@code maxInFlight} of its purchase transactions already run wait and go together, up to
 * {@code maxSize} in one transaction. {@code maxSize} 1 turns grouping off.
 */
@ConfigurationProperties("jifen.points.purchases.groups")
record PurchaseGroupProperties(@DefaultValue("64") int maxSize, @DefaultValue("1") int maxInFlight) {

    PurchaseGroupProperties {
        if (maxSize < 1 || maxSize > RecordPurchasesRequest.MAX_PURCHASES) {
            throw new IllegalArgumentException("jifen.points.purchases.groups.max-size is 1-"
                    + RecordPurchasesRequest.MAX_PURCHASES + ", not " + maxSize);
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("jifen.points.purchases.groups.max-in-flight is at least 1, not "
                    + maxInFlight);
        }
    }
}
