package io.jifen.points.plugin;

import io.jifen.web.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deep, immutable copy of an event's attributes: the plugin gets values it can neither change under the host nor
 * use to reach it. Bounded in depth and size so a channel never sees a giant document.
 */
final class EventAttributes {

    static final int MAX_DEPTH = 4;
    static final int MAX_STRING = 2000;
    static final int MAX_ITEMS = 100;

    private EventAttributes() {
    }

    static Map<String, Object> copy(Map<String, Object> attributes) {
        return attributes == null ? Map.of() : copyMap(attributes, 1, "attributes");
    }

    private static Map<String, Object> copyMap(Map<?, ?> map, int depth, String path) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(String.valueOf(key), copyValue(value, depth, path + "." + key)));
        return java.util.Collections.unmodifiableMap(copy);
    }

    private static Object copyValue(Object value, int depth, String path) {
        if (depth > MAX_DEPTH) {
            throw invalid(path, "nests deeper than " + MAX_DEPTH + " levels");
        }
        return switch (value) {
            case null -> null;
            case String text when text.length() > MAX_STRING -> throw invalid(path, "is longer than " + MAX_STRING);
            case String text -> text;
            case Number number -> number;
            case Boolean bool -> bool;
            case Map<?, ?> map when map.size() > MAX_ITEMS -> throw invalid(path, "has more than " + MAX_ITEMS);
            case Map<?, ?> map -> copyMap(map, depth + 1, path);
            case List<?> list when list.size() > MAX_ITEMS -> throw invalid(path, "has more than " + MAX_ITEMS);
            case List<?> list -> {
                List<Object> copy = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    copy.add(copyValue(list.get(i), depth + 1, path + "[" + i + "]"));
                }
                yield java.util.Collections.unmodifiableList(copy);
            }
            default -> throw invalid(path, "is not a JSON value");
        };
    }

    private static ApiException invalid(String path, String message) {
        return new ApiException(org.springframework.http.HttpStatus.BAD_REQUEST, "invalid_attributes",
                path + " " + message, Map.of("errors", List.of(Map.of("field", path, "message", message))));
    }
}
