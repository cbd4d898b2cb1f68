package io.jifen.tenant.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SettingsConstraintsTest {

    private final CurrencyCode.Validator currency = new CurrencyCode.Validator();
    private final TimeZoneId.Validator timezone = new TimeZoneId.Validator();
    private final LocaleTag.Validator locale = new LocaleTag.Validator();

    @Test
    void shouldAcceptIso4217CurrenciesOnly() {
        assertThat(currency.isValid("CNY", null)).isTrue();
        assertThat(currency.isValid("EUR", null)).isTrue();
        assertThat(currency.isValid("cny", null)).isFalse();
        assertThat(currency.isValid("XYZ", null)).isFalse();
        assertThat(currency.isValid(null, null)).isTrue();
    }

    @Test
    void shouldAcceptTimeZoneRegionsButNotOffsets() {
        assertThat(timezone.isValid("Asia/Shanghai", null)).isTrue();
        assertThat(timezone.isValid("Mars/Olympus", null)).isFalse();
        assertThat(timezone.isValid("+08:00", null)).isFalse();
        assertThat(timezone.isValid("UTC", null)).isFalse();
    }

    @Test
    void shouldAcceptLanguageTagsWithKnownLanguageAndRegion() {
        assertThat(locale.isValid("zh-CN", null)).isTrue();
        assertThat(locale.isValid("en", null)).isTrue();
        assertThat(locale.isValid("zh-Hans-CN", null)).isTrue();
        assertThat(locale.isValid("xx-YY", null)).isFalse();
        assertThat(locale.isValid("zh_CN", null)).isFalse();
        assertThat(locale.isValid("", null)).isFalse();
    }
}
