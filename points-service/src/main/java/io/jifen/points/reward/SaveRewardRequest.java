package io.jifen.points.reward;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.List;

/**
 * {@code POST /api/v1/rewards} and {@code PUT /api/v1/rewards/{id}} (a full replacement: what is left out is
 * cleared). {@code stock}, the limits and {@code allowedTiers} left out (or {@code null}) mean "no restriction".
 */
record SaveRewardRequest(
        @NotNull @Pattern(regexp = "goods|coupon|service", message = "must be goods, coupon or service") String type,
        @NotBlank @Size(max = 200) String name,
        @Size(max = 4000) String description,
        @Size(max = 2048) String imageUrl,
        @NotNull @Min(1) @Max(MAX_COST) Long pointsCost,
        @Min(0) @Max(MAX_STOCK) Long stock,
        @Min(1) @Max(MAX_LIMIT) Integer dailyLimit,
        @Min(1) @Max(MAX_LIMIT) Integer lifetimeLimit,
        @Size(max = 50) List<@NotBlank @Size(max = 64) @Pattern(regexp = "[\\x21-\\x7e]+",
                message = "must be printable ASCII") String> allowedTiers,
        Instant availableFrom,
        Instant availableUntil,
        Boolean active) {

    static final long MAX_COST = 1_000_000_000L;
    static final long MAX_STOCK = 1_000_000_000L;
    static final long MAX_LIMIT = 1_000_000L;

    @AssertTrue(message = "must be an absolute http or https URL")
    boolean isImageUrlValid() {
        if (imageUrl == null) {
            return true;
        }
        try {
            URI uri = new URI(imageUrl);
            return ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null && !uri.getHost().isBlank();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    @AssertTrue(message = "availableFrom must be before availableUntil")
    boolean isWindowValid() {
        return availableFrom == null || availableUntil == null || availableFrom.isBefore(availableUntil);
    }

    @AssertTrue(message = "a lifetime limit cannot be below the daily limit")
    boolean isLimitsConsistent() {
        return dailyLimit == null || lifetimeLimit == null || dailyLimit <= lifetimeLimit;
    }

    boolean activeOrDefault() {
        return active == null || active;
    }
}
