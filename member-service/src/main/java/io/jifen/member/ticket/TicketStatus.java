package io.jifen.member.ticket;

import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Locale;
import java.util.Set;

/** open → in_progress → resolved → closed; a resolved ticket may be reopened (back to in_progress). */
public enum TicketStatus {
    OPEN, IN_PROGRESS, RESOLVED, CLOSED;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static TicketStatus of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }

    boolean canBecome(TicketStatus next) {
        Set<TicketStatus> allowed = switch (this) {
            case OPEN -> Set.of(IN_PROGRESS, CLOSED);
            case IN_PROGRESS -> Set.of(RESOLVED);
            case RESOLVED -> Set.of(CLOSED, IN_PROGRESS);
            case CLOSED -> Set.of();
        };
        return allowed.contains(next);
    }

    @Converter
    public static class DbConverter implements AttributeConverter<TicketStatus, String> {
        @Override
        public String convertToDatabaseColumn(TicketStatus status) {
            return status == null ? null : status.code();
        }

        @Override
        public TicketStatus convertToEntityAttribute(String code) {
            return code == null ? null : of(code);
        }
    }
}
