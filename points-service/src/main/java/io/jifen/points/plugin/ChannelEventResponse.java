package io.jifen.points.plugin;

import java.util.List;
import java.util.UUID;

/**
 * The awards written for one channel event, each a ledger entry of the plugin's channel unless the velocity guard
 * held it ({@code pointsHeld} of {@code pointsAwarded} wait for review and are not in {@code balance}).
 */
record ChannelEventResponse(String channelId, String pluginId, String eventId, UUID memberId, long pointsAwarded,
        List<AwardView> awards, Long pointsHeld, long balance) {

    ChannelEventResponse {
        pointsHeld = pointsHeld == null ? 0 : pointsHeld; // replies stored before the guard applied here
    }

    /** @param entryId {@code null} when the award was held whole */
    record AwardView(UUID entryId, long points, String reason, Long held) {

        AwardView {
            held = held == null ? 0 : held;
        }
    }
}
