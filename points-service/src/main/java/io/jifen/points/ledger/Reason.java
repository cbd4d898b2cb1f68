package io.jifen.points.ledger;

/** Why points moved: the source of an entry, shown to the member and the merchant. */
public enum Reason {
    RULE, PURCHASE, REDEMPTION, CAMPAIGN, PLUGIN, ADMIN, TRANSFER, EXPIRY;

    public String value() {
        return name().toLowerCase();
    }

    static Reason of(String value) {
        return valueOf(value.toUpperCase());
    }
}
