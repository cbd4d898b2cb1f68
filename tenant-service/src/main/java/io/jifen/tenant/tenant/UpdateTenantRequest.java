package io.jifen.tenant.tenant;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/**
 * A partial update of the caller's tenant: absent or {@code null} fields stay as they are. Anything else (tenantId,
 * status, plan, slug …) is an unknown field and refused with 400 by the strict JSON settings.
 *
 * @param pointsToMoneyRatio points that offset one unit of the currency: a positive decimal with up to 4 places
 *                           (100 = 100 points per 1 CNY; 0.5 = 1 point per 2 CNY)
 */
record UpdateTenantRequest(
        @Size(min = 1, max = 100) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
        @CurrencyCode String currency,
        @TimeZoneId String timezone,
        @LocaleTag String locale,
        @Size(min = 1, max = 40) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String pointsDisplayName,
        @Positive @DecimalMax("1000000") @Digits(integer = 7, fraction = 4) BigDecimal pointsToMoneyRatio) {
}
