package io.jifen.tenancy;

import java.util.Objects;
import java.util.UUID;

/** The identity of a tenant (a merchant). Every row, key, document and event carries one. */
public record TenantId(UUID value) {


    public TenantId {
        Objects.requireNonNull(value, "tenant id");
        if (value.getMostSignificantBits() == 0 && value.getLeastSignificantBits() == 0) {
            // Reserved: the Hibernate resolver uses it for "no tenant", so no row may ever carry it.
            throw new IllegalArgumentException("The nil UUID is not a tenant id");
        }
    }

    /** Parses the canonical UUID form (any case); anything else is an {@link IllegalArgumentException}. */
    public static TenantId of(String value) {
        Objects.requireNonNull(value, "tenant id");
        if (!canonical(value)) {
            throw new IllegalArgumentException("Not a tenant id (a canonical UUID): '" + abbreviate(value) + "'");
        }
        return new TenantId(UUID.fromString(value));
    }

    /**
     * The canonical 36-character form, hex digits of any case with dashes after the 8th, 12th, 16th and 20th digit
     * ({@code UUID.fromString} also accepts "1-2-3-4-5"). Checked by hand: every request and every event names its
     * tenant, and a regular expression cost more than the rest of the parse.
     */
    private static boolean canonical(String value) {
        if (value.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = value.charAt(i);
            boolean ok = i == 8 || i == 13 || i == 18 || i == 23 ? c == '-'
                    : c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return value.toString();
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
