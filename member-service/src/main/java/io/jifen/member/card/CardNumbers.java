package io.jifen.member.card;

import io.jifen.member.settings.MemberSettingsRepository;
import io.jifen.tenancy.TenantId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Generates card numbers: the tenant's prefix, a 10-digit per-tenant sequence and a Luhn check digit. The sequence
 * is one counter row per tenant bumped with {@code UPDATE ... RETURNING} in the caller's transaction (a PostgreSQL
 * sequence per tenant does not scale to many tenants); a rolled-back registration gives its number back.
 */
@Component
class CardNumbers {

    private static final String NEXT = """
            insert into card_counter (tenant_id, last_value) values (?, 1)
            on conflict (tenant_id) do update set last_value = card_counter.last_value + 1
            returning last_value""";

    private final JdbcTemplate jdbc;
    private final MemberSettingsRepository settings;

    CardNumbers(JdbcTemplate jdbc, MemberSettingsRepository settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    String next(TenantId tenant) {
        long sequence = jdbc.queryForObject(NEXT, Long.class, tenant.value());
        String payload = settings.find(tenant).cardPrefix() + String.format("%010d", sequence);
        return payload + Luhn.checkDigit(payload);
    }
}
