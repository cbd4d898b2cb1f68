package io.jifen.points.ledger;

import java.util.Arrays;

/** What a ledger entry did; the database value is the lower-case, dash-joined name. */
public enum EntryKind {
    EARN, SPEND, REFUND, REVERSE, ADJUST, EXPIRE, TRANSFER_IN, TRANSFER_OUT;

    public String value() {
        return name().toLowerCase().replace('_', '-');
    }

    static EntryKind of(String value) {
        return Arrays.stream(values()).filter(kind -> kind.value().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown entry kind " + value));
    }
}
