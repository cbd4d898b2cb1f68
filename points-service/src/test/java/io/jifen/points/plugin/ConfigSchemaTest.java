package io.jifen.points.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ConfigSchemaTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ConfigSchema SCHEMA = ConfigSchema.parse("""
            {"type": "object", "required": ["mode"],
             "properties": {
               "points": {"type": "integer", "minimum": 1, "maximum": 100, "default": 10},
               "ratio": {"type": "number", "maximum": 1.5},
               "mode": {"type": "string", "enum": ["daily", "weekly"]},
               "strict": {"type": "boolean", "default": false}
             }}""", JSON);

    @Test
    void shouldAcceptAConfigWithinTheSchemaAndFillInDefaults() {
        var config = JSON.readTree("{\"mode\": \"daily\", \"ratio\": 1.25}");

        assertThat(SCHEMA.validate(config)).isEmpty();
        assertThat(SCHEMA.resolve(config)).isEqualTo(Map.of("points", 10L, "ratio", 1.25, "mode", "daily",
                "strict", false));
    }

    @Test
    void shouldListEveryProblemWithItsField() {
        var config = JSON.readTree("""
                {"points": 101, "ratio": "high", "strict": "yes", "extra": 1}""");

        assertThat(SCHEMA.validate(config)).extracting(ConfigSchema.Problem::field).containsExactlyInAnyOrder(
                "config.points", "config.ratio", "config.strict", "config.extra", "config.mode");
    }

    @Test
    void shouldRefuseFractionsForIntegersAndValuesOutsideTheEnum() {
        var config = JSON.readTree("{\"points\": 2.5, \"mode\": \"hourly\"}");

        assertThat(SCHEMA.validate(config)).extracting(ConfigSchema.Problem::message)
                .containsExactlyInAnyOrder("must be an integer", "must be one of [\"daily\",\"weekly\"]");
    }

    @Test
    void shouldRefuseSchemasOutsideTheSupportedSubset() {
        assertThatThrownBy(() -> ConfigSchema.parse("{\"type\": \"array\"}", JSON))
                .hasMessageContaining("must be {\"type\": \"object\"");
        assertThatThrownBy(() -> ConfigSchema.parse(
                "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"object\"}}}", JSON))
                .hasMessageContaining("property a has type 'object'");
        assertThatThrownBy(() -> ConfigSchema.parse(
                "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\", \"pattern\": \"x\"}}}", JSON))
                .hasMessageContaining("uses 'pattern'");
        assertThatThrownBy(() -> ConfigSchema.parse(
                "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"integer\", \"default\": \"x\"}}}",
                JSON)).hasMessageContaining("default of a");
        assertThatThrownBy(() -> ConfigSchema.parse("not json", JSON)).hasMessageContaining("not JSON");
    }
}
