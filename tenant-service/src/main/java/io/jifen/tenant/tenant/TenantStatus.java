package io.jifen.tenant.tenant;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Arrays;

/** Lifecycle of a tenant; {@link #code()} is what the database, the API and the Redis state hash say. */
public enum TenantStatus {
    /** Signup is creating its Keycloak user and client; never visible to the gateway. */
    PROVISIONING,
    ACTIVE,
    SUSPENDED;

    public String code() {
        return name().toLowerCase();
    }

    public static TenantStatus of(String code) {
        return Arrays.stream(values()).filter(status -> status.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown tenant status " + code));
    }

    @Converter(autoApply = true)
    static class Column implements AttributeConverter<TenantStatus, String> {
        @Override
        public String convertToDatabaseColumn(TenantStatus status) {
            return status == null ? null : status.code();
        }

        @Override
        public TenantStatus convertToEntityAttribute(String code) {
            return code == null ? null : of(code);
        }
    }
}
