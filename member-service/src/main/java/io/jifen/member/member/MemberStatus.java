package io.jifen.member.member;

import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Locale;

/** Active members earn and redeem; frozen ones cannot (points-service enforces it); closed is final. */
public enum MemberStatus {
    ACTIVE, FROZEN, CLOSED;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MemberStatus of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }

    /** Stored in lower case, as the API shows it and the table's check constraint expects. */
    @Converter
    public static class DbConverter implements AttributeConverter<MemberStatus, String> {
        @Override
        public String convertToDatabaseColumn(MemberStatus status) {
            return status == null ? null : status.code();
        }

        @Override
        public MemberStatus convertToEntityAttribute(String code) {
            return code == null ? null : of(code);
        }
    }
}
