package io.jifen.tenant.tenant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** A tenant's program settings; one row per tenant, keyed by the tenant id. */
@Entity
@Table(name = "tenant_settings")
public class TenantSettings {

    public static final String DEFAULT_CURRENCY = "CNY";
    public static final String DEFAULT_TIMEZONE = "Asia/Shanghai";
    public static final String DEFAULT_LOCALE = "zh-CN";
    public static final String DEFAULT_POINTS_NAME = "积分";
    /** 100 points offset 1 unit of the currency (1 CNY): the usual loyalty rate in China. */
    public static final BigDecimal DEFAULT_POINTS_TO_MONEY = BigDecimal.valueOf(100);

    @Id
    @Column(name = "tenant_id")
    private UUID tenantId;
    private String currency;
    private String timezone;
    private String locale;
    @Column(name = "points_display_name")
    private String pointsDisplayName;
    @Column(name = "points_to_money_ratio")
    private BigDecimal pointsToMoneyRatio;
    @Column(name = "updated_at")
    private Instant updatedAt;

    protected TenantSettings() {
    }

    public TenantSettings(UUID tenantId, String currency, String timezone, String locale) {
        this.tenantId = tenantId;
        this.currency = currency;
        this.timezone = timezone;
        this.locale = locale;
        this.pointsDisplayName = DEFAULT_POINTS_NAME;
        this.pointsToMoneyRatio = DEFAULT_POINTS_TO_MONEY;
        this.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** Applies the given values; {@code null} leaves a setting as it is. */
    public void update(String newCurrency, String newTimezone, String newLocale, String newPointsDisplayName,
            BigDecimal newPointsToMoneyRatio) {
        currency = newCurrency != null ? newCurrency : currency;
        timezone = newTimezone != null ? newTimezone : timezone;
        locale = newLocale != null ? newLocale : locale;
        pointsDisplayName = newPointsDisplayName != null ? newPointsDisplayName : pointsDisplayName;
        pointsToMoneyRatio = newPointsToMoneyRatio != null ? newPointsToMoneyRatio : pointsToMoneyRatio;
        updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    public UUID getTenantId() {
        return tenantId;
    }

    public String getCurrency() {
        return currency;
    }

    public String getTimezone() {
        return timezone;
    }

    public String getLocale() {
        return locale;
    }

    public String getPointsDisplayName() {
        return pointsDisplayName;
    }

    public BigDecimal getPointsToMoneyRatio() {
        return pointsToMoneyRatio;
    }
}
