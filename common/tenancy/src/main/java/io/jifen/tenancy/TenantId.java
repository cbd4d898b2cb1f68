package io.jifen.tenancy;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/** The identity of a tenant (a merchant). Every row, key, document and event carries one. */
public record TenantId(UUID value) {

    // UUID.fromString accepts "1-2-3-4-5"; a tenant id is only ever the canonical 36-character form.
    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

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
        if (!CANONICAL.matcher(value).matches()) {
            throw new IllegalArgumentException("Not a tenant id (a canonical UUID): '" + abbreviate(value) + "'");
        }
        return new TenantId(UUID.fromString(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
