package io.jifen.events;

import io.jifen.tenancy.TenantId;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The envelope as the fields of a stream entry: strings only, the payload as a JSON string, and no
 * {@code tenantId} field at all for a global event (a stream field cannot be null).
 */
final class EnvelopeCodec {

    static final String ID = "id";
    static final String TYPE = "type";
    static final String TENANT_ID = "tenantId";
    static final String OCCURRED_AT = "occurredAt";
    static final String VERSION = "version";
    static final String PAYLOAD = "payload";

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

    /** Reads an entry back; anything missing or malformed is a {@link MalformedEventException}. */
    EventEnvelope decode(Map<String, String> fields) {
        if (fields == null) {
            throw new MalformedEventException("The entry has no fields (deleted from the stream?)");
        }
        try {
            String tenant = fields.get(TENANT_ID);
            return new EventEnvelope(UUID.fromString(required(fields, ID)), required(fields, TYPE),
                    tenant == null ? null : TenantId.of(tenant), Instant.parse(required(fields, OCCURRED_AT)),
                    Integer.parseInt(required(fields, VERSION)), parsePayload(required(fields, PAYLOAD)));
        } catch (MalformedEventException e) {
            throw e;
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new MalformedEventException("Malformed event entry: " + e.getMessage());
        }
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
