package io.jifen.events;

import io.jifen.tenancy.TenantId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stream entries and the events they carry. The relay writes one entry per outbox row: the row's events as one JSON
 * array of envelopes in the field {@code events}, with their {@code count} (docs/adr/0024). An entry may also be one
 * envelope field by field (what entries looked like before, and what a test or an operator may still add): strings
 * only, the payload as a JSON string, and no {@code tenantId} field at all for a global event (a stream field cannot
 * be null). Consumers read both.
 */
final class EnvelopeCodec {

    static final String ID = "id";
    static final String TYPE = "type";
    static final String TENANT_ID = "tenantId";
    static final String OCCURRED_AT = "occurredAt";
    static final String VERSION = "version";
    static final String PAYLOAD = "payload";
    static final String EVENTS = "events";
    static final String COUNT = "count";

    private final JsonMapper json;

    EnvelopeCodec(JsonMapper json) {
        this.json = json;
    }

    /**
     * The fields of an event as the outbox keeps it: every value already text (the payload JSON, the time ISO-8601);
     * no {@code tenantId} field when {@code tenantId} is null.
     */
    static Map<String, String> fields(String id, String type, String tenantId, String occurredAt, String version,
            String payloadJson) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(ID, id);
        fields.put(TYPE, type);
        if (tenantId != null) {
            fields.put(TENANT_ID, tenantId);
        }
        fields.put(OCCURRED_AT, occurredAt);
        fields.put(VERSION, version);
        fields.put(PAYLOAD, payloadJson);
        return fields;
    }

    Map<String, String> encode(EventEnvelope event) {
        return fields(event.id().toString(), event.type(), event.tenant().map(tenant -> tenant.value().toString())
                .orElse(null), event.occurredAt().toString(), Integer.toString(event.version()),
                json.writeValueAsString(event.payload()));
    }

    /** The fields of an entry carrying one outbox row's events: its JSON array as it is stored, and their count. */
    static Map<String, String> entry(String eventsJson, int count) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(EVENTS, eventsJson);
        fields.put(COUNT, Integer.toString(count));
        return fields;
    }

    /** What an entry carries for one consumer: the events of the types it handles, and how many others it skipped. */
    record Entry(List<EventEnvelope> events, int skipped) {
    }

    /**
     * The events of an entry of either shape, in their order. An event of a type {@code handled} refuses is counted,
     * not decoded: its payload is not even parsed (half of what a busy stream carries, for most groups), and whether
     * it is well-formed is for the groups that handle its type to find out.
     *
     * @throws MalformedEventException when the entry, or an event of it the consumer handles, cannot be read
     */
    Entry decode(Map<String, String> fields, Predicate<String> handled) {
        if (fields == null) {
            throw new MalformedEventException("The entry has no fields (deleted from the stream?)");
        }
        String events = fields.get(EVENTS);
        if (events != null) {
            return decodeAll(events, handled);
        }
        String type = fields.get(TYPE);
        if (type != null && !handled.test(type)) {
            return new Entry(List.of(), 1);
        }
        return new Entry(List.of(decode(fields)), 0);
    }

    /** Reads an entry of one envelope back; anything missing or malformed is a {@link MalformedEventException}. */
    EventEnvelope decode(Map<String, String> fields) {
        if (fields == null) {
            throw new MalformedEventException("The entry has no fields (deleted from the stream?)");
        }
        try {
            String id = required(fields, ID);
            String type = required(fields, TYPE);
            String tenant = fields.get(TENANT_ID);
            return envelope(id, type, tenant == null ? null : TenantId.of(tenant), required(fields, OCCURRED_AT),
                    required(fields, VERSION), parsePayload(required(fields, PAYLOAD)));
        } catch (MalformedEventException e) {
            throw e;
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new MalformedEventException("Malformed event entry: " + e.getMessage());
        }
    }

    private static EventEnvelope envelope(String id, String type, TenantId tenant, String occurredAt, String version,
            JsonNode payload) {
        return new EventEnvelope(UUID.fromString(id), type, tenant, instant(occurredAt), Integer.parseInt(version),
                payload);
    }

    /** A JSON array of envelopes, read as a stream of tokens: no tree of the whole array, none for skipped payloads. */
    private Entry decodeAll(String array, Predicate<String> handled) {
        List<EventEnvelope> events = new ArrayList<>();
        int skipped = 0;
        try (JsonParser parser = json.createParser(array)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new MalformedEventException("The entry's events are not a JSON array");
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.START_OBJECT) {
                Map<String, String> fields = new HashMap<>();
                JsonNode payload = null;
                boolean skip = false;
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    if (PAYLOAD.equals(name)) {
                        if (skip) {
                            parser.skipChildren();
                        } else {
                            payload = parser.readValueAsTree();
                        }
                    } else {
                        String value = parser.getValueAsString();
                        parser.skipChildren();
                        if (value != null) {
                            fields.put(name, value);
                        }
                        // Known once the type is read, whatever the order; the outbox writes the type before the
                        // payload, so a skipped event's payload is passed over unparsed.
                        skip = skip || TYPE.equals(name) && value != null && !handled.test(value);
                    }
                }
                if (skip) {
                    skipped++;
                    continue;
                }
                events.add(element(fields, payload));
            }
            if (token != JsonToken.END_ARRAY) {
                throw new MalformedEventException("The entry's events array holds something other than envelopes");
            }
        } catch (JacksonException e) {
            throw new MalformedEventException("The entry's events are not JSON: " + e.getOriginalMessage());
        }
        return new Entry(events, skipped);
    }

    private static EventEnvelope element(Map<String, String> fields, JsonNode payload) {
        try {
            String tenant = fields.get(TENANT_ID);
            if (payload == null) {
                throw new MalformedEventException("An event of the entry has no 'payload'");
            }
            return envelope(required(fields, ID), required(fields, TYPE), tenant == null ? null : TenantId.of(tenant),
                    required(fields, OCCURRED_AT), required(fields, VERSION), payload);
        } catch (MalformedEventException e) {
            throw e;
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new MalformedEventException("Malformed event in the entry: " + e.getMessage());
        }
    }

    /**
     * An ISO-8601 instant. What producers write ({@code Instant.toString()}: {@code 2026-12-07T06:45:01.123456Z}) is
     * read by hand, at a tenth of what {@link Instant#parse} costs for every event a consumer reads; anything else
     * {@code Instant.parse} accepts (an offset, a leap second) is left to it.
     */
    static Instant instant(String text) {
        int length = text.length();
        if (length < 20 || length > 30 || length == 21 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-'
                || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':'
                || length > 20 && text.charAt(19) != '.') {
            return Instant.parse(text);
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int fraction = length > 20 ? digits(text, 20, length - 1) : 0;
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 28 && day > YearMonth.of(year, month)
                .lengthOfMonth() || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59
                || fraction < 0) {
            return Instant.parse(text);
        }
        long nanos = fraction;
        for (int i = length - 1 - 20; i < 9; i++) {
            nanos *= 10;
        }
        long seconds = LocalDate.of(year, month, day).toEpochDay() * 86_400 + hour * 3_600L + minute * 60L + second;
        return Instant.ofEpochSecond(seconds, nanos);
    }

    /** The decimal number in {@code text[from, to)}, or -1 when a character there is not an ASCII digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private JsonNode parsePayload(String payload) {
        try {
            return json.readTree(payload);
        } catch (JacksonException e) {
            throw new MalformedEventException("The payload is not JSON: " + e.getOriginalMessage());
        }
    }

    private static String required(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            throw new MalformedEventException("The entry has no '" + name + "' field");
        }
        return value;
    }

    /** An entry no consumer can ever read: it goes straight to the dead-letter stream instead of being retried. */
    static final class MalformedEventException extends IllegalArgumentException {
        MalformedEventException(String message) {
            super(message);
        }
    }
}
