package io.jifen.events;

/** What every consumer worker of a service shares: the host-built view of Redis, the database and settings. */
record ConsumerRuntime(EventStreams streams, EventHandling handling, EnvelopeCodec codec,
        EventsProperties.Consumer settings, EventsMetrics metrics) {
}
