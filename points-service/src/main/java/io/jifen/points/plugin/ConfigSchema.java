package io.jifen.points.plugin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The JSON Schema subset a channel may describe its tenant config with (see {@code EarningChannel#configSchema}):
 * an object of integer, number, string and boolean properties with minimum, maximum, enum, required and default.
 * Small on purpose: a schema outside the subset is refused at upload, so every config that passes is one the host
 * can hand over as plain values.
 */
final class ConfigSchema {

    private static final Set<String> TYPES = Set.of("integer", "number", "string", "boolean");
    private static final Set<String> KEYWORDS = Set.of("type", "minimum", "maximum", "enum", "default",
            "description", "title");
    private static final int MAX_STRING = 1000;

    private final Map<String, JsonNode> properties;
    private final List<String> required;

    private ConfigSchema(Map<String, JsonNode> properties, List<String> required) {
        this.properties = properties;
        this.required = required;
    }

    /** @throws IllegalArgumentException saying what is outside the supported subset */
    static ConfigSchema parse(String schema, JsonMapper json) {
        JsonNode root;
        try {
            root = json.readTree(schema == null ? "" : schema);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the config schema is not JSON");
        }
        if (root == null || !root.isObject() || !"object".equals(root.path("type").asString(""))) {
            throw new IllegalArgumentException("the config schema must be {\"type\": \"object\", ...}");
        }
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> property : root.path("properties").properties()) {
            JsonNode definition = property.getValue();
            String type = definition.path("type").asString("");
            if (!TYPES.contains(type)) {
                throw new IllegalArgumentException("property " + property.getKey() + " has type '" + type
                        + "'; supported: " + TYPES);
            }
            for (String keyword : definition.propertyNames()) {
                if (!KEYWORDS.contains(keyword)) {
                    throw new IllegalArgumentException("property " + property.getKey() + " uses '" + keyword
                            + "'; supported: " + KEYWORDS);
                }
            }
            properties.put(property.getKey(), definition);
        }
        List<String> required = new ArrayList<>();
        root.path("required").forEach(name -> required.add(name.asString()));
        ConfigSchema parsed = new ConfigSchema(properties, required);
        properties.forEach((name, definition) -> {
            if (definition.has("default") && !parsed.errors(name, definition, definition.get("default")).isEmpty()) {
                throw new IllegalArgumentException("the default of " + name + " does not fit its own schema");
            }
        });
        return parsed;
    }

    /** What is wrong with {@code config} (an object, or null for "all defaults"), one line per field. */
    List<Problem> validate(JsonNode config) {
        List<Problem> problems = new ArrayList<>();
        if (config != null && !config.isNull() && !config.isObject()) {
            problems.add(new Problem("config", "must be an object"));
            return problems;
        }
        JsonNode values = config == null || config.isNull() ? JsonNodeFactory.instance.objectNode() : config;
        for (String name : values.propertyNames()) {
            if (!properties.containsKey(name)) {
                problems.add(new Problem("config." + name, "is not a setting of this channel"));
            }
        }
        properties.forEach((name, definition) -> {
            JsonNode value = values.get(name);
            if (value == null || value.isNull()) {
                if (required.contains(name) && !definition.has("default")) {
                    problems.add(new Problem("config." + name, "is required"));
                }
                return;
            }
            errors(name, definition, value).forEach(error -> problems.add(new Problem("config." + name, error)));
        });
        return problems;
    }

    /** The config with defaults filled in, as plain values (Long, Double, String, Boolean) for the plugin. */
    Map<String, Object> resolve(JsonNode config) {
        Map<String, Object> resolved = new LinkedHashMap<>();
        properties.forEach((name, definition) -> {
            JsonNode value = config == null || config.isNull() ? null : config.get(name);
            if (value == null || value.isNull()) {
                value = definition.get("default");
            }
            if (value != null && !value.isNull()) {
                resolved.put(name, plain(definition.path("type").asString(), value));
            }
        });
        return resolved;
    }

    record Problem(String field, String message) {
    }

    private List<String> errors(String name, JsonNode definition, JsonNode value) {
        List<String> errors = new ArrayList<>();
        String type = definition.path("type").asString();
        boolean typed = switch (type) {
            case "integer" -> value.isIntegralNumber() && value.canConvertToLong();
            case "number" -> value.isNumber();
            case "string" -> value.isString() && value.asString().length() <= MAX_STRING;
            default -> value.isBoolean();
        };
        if (!typed) {
            errors.add("must be " + (type.equals("integer") ? "an integer" : "a " + type)
                    + (type.equals("string") ? " of at most " + MAX_STRING + " characters" : ""));
            return errors;
        }
        if (value.isNumber() && definition.has("minimum")
                && value.decimalValue().compareTo(definition.get("minimum").decimalValue()) < 0) {
            errors.add("must be at least " + definition.get("minimum"));
        }
        if (value.isNumber() && definition.has("maximum")
                && value.decimalValue().compareTo(definition.get("maximum").decimalValue()) > 0) {
            errors.add("must be at most " + definition.get("maximum"));
        }
        if (definition.has("enum")) {
            List<JsonNode> allowed = new ArrayList<>();
            definition.get("enum").forEach(allowed::add);
            if (!allowed.contains(value)) {
                errors.add("must be one of " + definition.get("enum"));
            }
        }
        return errors;
    }

    private static Object plain(String type, JsonNode value) {
        return switch (type) {
            case "integer" -> value.asLong();
            case "number" -> value.asDouble();
            case "string" -> value.asString();
            default -> value.asBoolean();
        };
    }
}
