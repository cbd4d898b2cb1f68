package io.jifen.points.plugin;

import java.util.List;
import java.util.UUID;

/** The awards written for one channel event, each a ledger entry of the plugin's channel. */
record ChannelEventResponse(String channelId, String pluginId, String eventId, UUID memberId, long pointsAwarded,
        List<AwardView> awards, long balance) {

    record AwardView(UUID entryId, long points, String reason) {
    }
}
