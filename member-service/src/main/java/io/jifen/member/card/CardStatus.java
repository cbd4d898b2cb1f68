package io.jifen.member.card;

import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Locale;

/** Active: usable. Lost: reported lost, frozen until reissued. Dead: replaced by a reissue or closed with the member. */
public enum CardStatus {
    ACTIVE, LOST, DEAD;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Converter
    public static class DbConverter implements AttributeConverter<CardStatus, String> {
        @Override
        public String convertToDatabaseColumn(CardStatus status) {
            return status == null ? null : status.code();
        }

        @Override
        public CardStatus convertToEntityAttribute(String code) {
            return code == null ? null : valueOf(code.toUpperCase(Locale.ROOT));
        }
    }
}
