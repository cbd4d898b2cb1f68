package io.jifen.points.channel;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.Supplier;

/**
 * A clock in the tenant's time zone that reads the zone only when asked for it: the built-in channels work from the
 * event's own instant and seldom need it, and reading it costs a query on the purchase path.
 */
final class TenantClock extends Clock {

    private final Clock base;
    private final Supplier<ZoneId> zoneSource;
    private ZoneId zone;

    TenantClock(Clock base, Supplier<ZoneId> zoneSource) {
        this.base = base;
        this.zoneSource = zoneSource;
    }

    @Override
    public ZoneId getZone() {
        if (zone == null) {
            zone = zoneSource.get();
        }
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return base.withZone(other);
    }

    @Override
    public Instant instant() {
        return base.instant();
    }
}
