package io.jifen.points.rules;

import io.jifen.plugin.api.ChannelEvent;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A purchase's facts as the attributes of the purchase channel's event (JSON-like values, as a plugin would get
 * them), and back: {@code amount}, {@code items} ({@code sku}, {@code category}, {@code quantity},
 * {@code unitPrice}), {@code tierCode} and {@code firstPurchase}; the event's instant is the purchase's.
 */
final class PurchaseAttributes {

    private PurchaseAttributes() {
    }

    static Map<String, Object> of(PurchaseFacts facts) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("amount", facts.amount());
        attributes.put("items", facts.items().stream().map(PurchaseAttributes::item).toList());
        if (facts.tierCode() != null) {
            attributes.put("tierCode", facts.tierCode());
        }
        attributes.put("firstPurchase", facts.firstPurchase());
        return attributes;
    }

    static PurchaseFacts facts(ChannelEvent event) {
        Map<String, Object> attributes = event.attributes();
        List<PurchaseLine> items = attributes.get("items") instanceof List<?> list
                ? list.stream().map(item -> line((Map<?, ?>) item)).toList() : List.of();
        return new PurchaseFacts(decimal(attributes, "amount"), items, (String) attributes.get("tierCode"),
                event.occurredAt(), Boolean.TRUE.equals(attributes.get("firstPurchase")));
    }

    private static Map<String, Object> item(PurchaseLine line) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("sku", line.sku());
        if (line.category() != null) {
            item.put("category", line.category());
        }
        item.put("quantity", line.quantity());
        item.put("unitPrice", line.unitPrice());
        return item;
    }

    private static PurchaseLine line(Map<?, ?> item) {
        if (!(item.get("quantity") instanceof Number quantity)) {
            throw new IllegalArgumentException("A purchase item needs a quantity");
        }
        return new PurchaseLine((String) item.get("sku"), (String) item.get("category"), quantity.intValue(),
                decimal(item, "unitPrice"));
    }

    /** A number or its text: the host sends {@link BigDecimal}s, a test may send plain numbers. */
    private static BigDecimal decimal(Map<?, ?> values, String name) {
        Object value = values.get(name);
        if (!(value instanceof Number) && !(value instanceof String)) {
            throw new IllegalArgumentException("A purchase needs a decimal " + name);
        }
        return new BigDecimal(value.toString());
    }
}
