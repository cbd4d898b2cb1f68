package io.jifen.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jifen.events.EnvelopeCodec.MalformedEventException;
import io.jifen.tenancy.TenantId;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class EnvelopeCodecTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final EnvelopeCodec codec = new EnvelopeCodec(json);

    @Test
    void shouldReadBackATenantEventExactlyAsWritten() {
        EventEnvelope event = new EventEnvelope(UUID.randomUUID(), "points.earned",
                TenantId.of("7c9e6679-7425-40de-944b-e07fc1f90ae7"), Instant.parse("2025-03-01T10:15:30.123456Z"), 2,
                json.readTree("{\"memberId\":\"m-1\",\"points\":120,\"lots\":[{\"id\":1}]}"));

        Map<String, String> fields = codec.encode(event);

        assertThat(fields).containsEntry("tenantId", "7c9e6679-7425-40de-944b-e07fc1f90ae7")
                .containsEntry("occurredAt", "2025-03-01T10:15:30.123456Z").containsEntry("version", "2");
        assertThat(codec.decode(fields)).isEqualTo(event);
    }

    @Test
    void shouldWriteNoTenantFieldForAGlobalEventAndReadItBackAsNone() {
        EventEnvelope event = new EventEnvelope(UUID.randomUUID(), "plan.changed", null, Instant.now(), 1,
                json.readTree("{}"));

        Map<String, String> fields = codec.encode(event);

        assertThat(fields).doesNotContainKey("tenantId");
        assertThat(codec.decode(fields).tenant()).isEmpty();
    }

    @Test
    void shouldRejectEntriesThatAreNotEvents() {
        Map<String, String> valid = codec.encode(new EventEnvelope(UUID.randomUUID(), "member.registered", null,
                Instant.now(), 1, json.readTree("{\"a\":1}")));

        assertMalformed(without(valid, "id"), "'id'");
        assertMalformed(with(valid, "id", "not-a-uuid"), "Malformed");
        assertMalformed(with(valid, "version", "0"), "version");
        assertMalformed(with(valid, "occurredAt", "yesterday"), "Malformed");
        assertMalformed(with(valid, "payload", "[1,2]"), "JSON object");
        assertMalformed(with(valid, "payload", "{not json"), "not JSON");
        assertMalformed(with(valid, "tenantId", "00000000-0000-0000-0000-000000000000"), "nil UUID");
        assertMalformed(Map.of(), "'id'");
    }

    private void assertMalformed(Map<String, String> fields, String message) {
        assertThatThrownBy(() -> codec.decode(fields)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining(message);
    }

    private static Map<String, String> with(Map<String, String> fields, String name, String value) {
        Map<String, String> changed = new HashMap<>(fields);
        changed.put(name, value);
        return changed;
    }

    private static Map<String, String> without(Map<String, String> fields, String name) {
        Map<String, String> changed = new HashMap<>(fields);
        changed.remove(name);
        return changed;
    }
}
