package io.jifen.points.reward;

import java.util.Arrays;
import java.util.Optional;

/** Where a goods redemption's shipment is, in order: it only ever moves forward. */
enum Fulfilment {
    PLACED, SHIPPED, DELIVERED;

    String value() {
        return name().toLowerCase();
    }

    static Optional<Fulfilment> of(String value) {
        return Arrays.stream(values()).filter(step -> step.value().equals(value)).findFirst();
    }

    boolean isBefore(Fulfilment other) {
        return ordinal() < other.ordinal();
    }
}
