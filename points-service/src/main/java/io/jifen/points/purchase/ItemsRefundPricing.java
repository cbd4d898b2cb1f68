package io.jifen.points.purchase;

import io.jifen.points.purchase.PurchaseStore.Line;
import io.jifen.web.ApiException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * What an items refund is worth: Σ quantity × unit price of the SKU's lines in the purchase. A SKU on several lines
 * gives its units back in line order, after the units earlier items refunds took, so a SKU refunded in full is worth
 * all its lines whatever the split.
 */
final class ItemsRefundPricing {

    private ItemsRefundPricing() {
    }

    /**
     * @param lines     the purchase's lines in their order
     * @param refunded  units of each SKU earlier items refunds took
     * @param requested units of each SKU this refund takes
     */
    static BigDecimal amount(List<Line> lines, Map<String, Long> refunded, Map<String, Long> requested) {
        if (lines.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "purchase_has_no_items",
                    "The purchase was recorded without items: refund it by amount");
        }
        BigDecimal amount = BigDecimal.ZERO.setScale(2);
        for (Map.Entry<String, Long> item : requested.entrySet()) {
            List<Line> ofSku = lines.stream().filter(line -> line.sku().equals(item.getKey())).toList();
            if (ofSku.isEmpty()) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "refund_item_unknown",
                        "SKU " + item.getKey() + " is not in the purchase", Map.of("sku", item.getKey()));
            }
            amount = amount.add(worth(item.getKey(), ofSku, refunded.getOrDefault(item.getKey(), 0L),
                    item.getValue()));
        }
        return amount;
    }

    private static BigDecimal worth(String sku, List<Line> lines, long alreadyRefunded, long quantity) {
        long bought = lines.stream().mapToLong(Line::quantity).sum();
        if (alreadyRefunded + quantity > bought) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "refund_quantity_exceeded",
                    "Refunds would take " + (alreadyRefunded + quantity) + " of SKU " + sku + ", bought " + bought,
                    Map.of("sku", sku, "bought", bought, "refunded", alreadyRefunded, "requested", quantity));
        }
        long skip = alreadyRefunded;
        long take = quantity;
        BigDecimal worth = BigDecimal.ZERO;
        for (Line line : lines) {
            long skipped = Math.min(skip, line.quantity());
            long taken = Math.min(take, line.quantity() - skipped);
            skip -= skipped;
            take -= taken;
            worth = worth.add(line.unitPrice().multiply(BigDecimal.valueOf(taken)));
        }
        return worth;
    }
}
