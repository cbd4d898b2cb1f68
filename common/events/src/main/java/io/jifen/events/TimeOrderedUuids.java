package io.jifen.events;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Version 7 UUIDs (RFC 9562): the first 48 bits are the Unix time in milliseconds, the rest random. For the keys of
 * rows written at a high rate and looked up by key (outbox events, and with them every consumer's
 * {@code processed_event} claims; ledger entries and lots): a random (version 4) key puts each insert on a random
 * page of the primary key's index, so a busy table touches its whole index and, after every checkpoint, writes a
 * full page image for each of them; a time-ordered key adds to the index's right edge, a few hot pages. Ids made in
 * the same millisecond are in random order among themselves, which is enough for that.
 */
public final class TimeOrderedUuids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TimeOrderedUuids() {
    }

    /** A new id for now. */
    public static UUID next() {
        return at(System.currentTimeMillis());
    }

    static UUID at(long unixMillis) {
        long random = RANDOM.nextLong();
        long high = (unixMillis << 16) | 0x7000L | (random >>> 52);
        long low = (RANDOM.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
