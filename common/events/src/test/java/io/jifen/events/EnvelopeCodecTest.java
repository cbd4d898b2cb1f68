package io.jifen.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jifen.events.EnvelopeCodec.MalformedEventException;
import io.jifen.tenancy.TenantId;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
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

    @Test
    void shouldReadAnEntryOfManyEventsInOrderSkippingUnreadTheTypesNotHandled() {
        UUID first = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        // jsonb's key order (by length): the type comes before the payload, as the relay publishes rows.
        String events = "[{\"id\": \"" + first + "\", \"type\": \"points.earned\", \"payload\": {\"points\": 5}, "
                + "\"version\": 1, \"tenantId\": \"7c9e6679-7425-40de-944b-e07fc1f90ae7\", "
                + "\"occurredAt\": \"2025-03-01T10:15:30.123456Z\"}, "
                + "{\"id\": \"not-read\", \"type\": \"purchase.recorded\", \"payload\": {\"unread\": [1, {\"x\": 2}]}, "
                + "\"version\": 0, \"occurredAt\": \"yesterday\"}, "
                + "{\"id\": \"" + third + "\", \"type\": \"points.earned\", \"payload\": {\"points\": 7}, "
                + "\"version\": 2, \"occurredAt\": \"2025-03-01T10:15:31Z\"}]";

        EnvelopeCodec.Entry entry = codec.decode(EnvelopeCodec.entry(events, 3), "points.earned"::equals);

        assertThat(entry.skipped()).isOne();
        assertThat(entry.events()).extracting(EventEnvelope::id).containsExactly(first, third);
        assertThat(entry.events().getFirst()).isEqualTo(new EventEnvelope(first, "points.earned",
                TenantId.of("7c9e6679-7425-40de-944b-e07fc1f90ae7"), Instant.parse("2025-03-01T10:15:30.123456Z"), 1,
                json.readTree("{\"points\": 5}")));
        assertThat(entry.events().getLast().tenant()).isEmpty();
        assertThat(entry.events().getLast().version()).isEqualTo(2);
    }

    @Test
    void shouldReadAnEntryOfOneEnvelopeAsBeforeAndSkipItWhenItsTypeIsNotHandled() {
        EventEnvelope event = new EventEnvelope(UUID.randomUUID(), "member.registered", null, Instant.now(), 1,
                json.readTree("{\"a\":1}"));
        Map<String, String> fields = codec.encode(event);

        assertThat(codec.decode(fields, type -> true).events()).containsExactly(event);
        assertThat(codec.decode(with(fields, "payload", "{not json"), type -> false))
                .isEqualTo(new EnvelopeCodec.Entry(List.of(), 1));
    }

    @Test
    void shouldRefuseAnEntryOfManyThatCannotBeRead() {
        String valid = "{\"id\": \"" + UUID.randomUUID() + "\", \"type\": \"points.earned\", \"payload\": {}, "
                + "\"version\": 1, \"occurredAt\": \"2025-03-01T10:15:31Z\"}";
        for (String events : List.of("{not json", "{\"id\": 1}", "[" + valid + ", 7]", "[" + valid,
                "[" + valid.replace("\"payload\": {}, ", "") + "]", "[" + valid.replace("\"version\": 1", "\"version\": 0") + "]",
                "[" + valid.replace("\"payload\": {}", "\"payload\": [1]") + "]")) {
            assertThatThrownBy(() -> codec.decode(EnvelopeCodec.entry(events, 1), type -> true)).as(events)
                    .isInstanceOf(MalformedEventException.class);
        }
        assertThat(codec.decode(EnvelopeCodec.entry("[" + valid + "]", 1), type -> true).events()).hasSize(1);
    }

    @Test
    void shouldReadTimesExactlyAsInstantParseReadsThem() {
        Random random = new Random(20261207);
        for (int i = 0; i < 10_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 253_000_000_000L),
                    random.nextInt(1_000_000_000));
            Instant truncated = switch (i % 4) {
                case 0 -> instant.truncatedTo(ChronoUnit.SECONDS);
                case 1 -> instant.truncatedTo(ChronoUnit.MILLIS);
                case 2 -> instant.truncatedTo(ChronoUnit.MICROS);
                default -> instant;
            };
            assertThat(EnvelopeCodec.instant(truncated.toString())).isEqualTo(truncated);
        }
        for (String text : List.of("2026-12-07T06:45:01.1Z", "2026-12-07T06:45:01.12Z", "2024-02-29T23:59:59.99999999Z",
                "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "2026-12-07T14:45:01.5+08:00",
                "2016-12-31T23:59:60Z", "+12026-01-01T00:00:00Z", "2026-12-07T24:00:00Z", "2026-12-07T06:45:01.Z")) {
            assertThat(EnvelopeCodec.instant(text)).as(text).isEqualTo(Instant.parse(text));
        }
        for (String text : List.of("2023-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z",
                "2026-12-07T06:60:00Z", "2026-12-07T06:45:01.1234567890Z",
                "2026-12-07 06:45:01Z", "2026-12-0xT06:45:01Z", "yesterday")) {
            assertThatThrownBy(() -> EnvelopeCodec.instant(text)).as(text).isInstanceOf(DateTimeParseException.class);
        }
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
