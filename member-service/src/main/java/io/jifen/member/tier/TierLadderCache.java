package io.jifen.member.tier;

import io.jifen.tenancy.TenantId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Parsed ladders per tenant and version, so a purchase does not read and parse the ladder document each time. The
 * caller names the version it just read from the database (with the member, {@link TierStanding}); every replacement
 * of a ladder raises it, on whichever instance it happens, so the next event on every instance asks for a version
 * this cache does not hold and reads the ladder again. Nothing expires by time and nothing is served for a version
 * other than the one asked for: never stale.
 */
@Component
class TierLadderCache {

    /** Tenants whose ladder an instance keeps; beyond that the map starts over (a re-read, never stale). */
    static final int MAX_TENANTS = 10_000;

    private final TierLadderRepository repository;
    private final Map<TenantId, TierLadderRepository.Versioned> ladders = new ConcurrentHashMap<>();

    TierLadderCache(TierLadderRepository repository) {
        this.repository = repository;
    }

    /** The tenant's ladder as of {@code version} or newer; the default ladder for a null version (no ladder row). */
    TierLadder find(TenantId tenant, Long version) {
        if (version == null) {
            return TierLadder.DEFAULT;
        }
        TierLadderRepository.Versioned cached = ladders.get(tenant);
        if (cached != null && cached.version() == version) {
            return cached.ladder();
        }
        var read = repository.findVersioned(tenant);
        if (read.isEmpty()) {
            return TierLadder.DEFAULT;
        }
        if (ladders.size() >= MAX_TENANTS) {
            ladders.clear();
        }
        // Two events racing past different versions: keep the newer, so the map never goes back.
        ladders.merge(tenant, read.get(), (old, fresh) -> fresh.version() >= old.version() ? fresh : old);
        return read.get().ladder();
    }
}
