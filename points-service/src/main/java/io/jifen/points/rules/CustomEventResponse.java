package io.jifen.points.rules;

import java.util.List;

/** What a custom event earned, and the member's balance right after. */
record CustomEventResponse(String eventId, long pointsAwarded, List<Award> awards, long balance) {
}
