package io.jifen.member.member;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** A member's free-form attributes as a jsonb object of strings (the column is written with a {@code ::jsonb} cast). */
@Converter
public class AttributesConverter implements AttributeConverter<Map<String, String>, String> {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, String>> TYPE = new TypeReference<>() {
    };

    @Override
    public String convertToDatabaseColumn(Map<String, String> attributes) {
        return JSON.writeValueAsString(attributes == null ? Map.of() : attributes);
    }

    @Override
    public Map<String, String> convertToEntityAttribute(String json) {
        return json == null ? new LinkedHashMap<>() : JSON.readValue(json, TYPE);
    }
}
