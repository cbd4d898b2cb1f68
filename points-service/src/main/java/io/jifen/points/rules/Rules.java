package io.jifen.points.rules;

/** Bounds and names shared by the rules package. */
final class Rules {

    /** The largest amount of a purchase (as {@code RecordPurchaseRequest}). */
    static final String MAX_AMOUNT = "99999999.99";
    /** The largest points figure a rule may name (points per unit, fixed points, a limit, a budget). */
    static final long MAX_POINTS = 1_000_000_000L;

    static final String FIRST_PURCHASE = "first-purchase";

    private Rules() {
    }
}
