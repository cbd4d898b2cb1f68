package io.jifen.points.rules;

import java.util.List;

/**
 * What a custom event earned ({@code pointsHeld} of it waits in the velocity review queue, not in {@code balance}),
 * and the member's balance right after.
 */
record CustomEventResponse(String eventId, long pointsAwarded, List<Award> awards, Long pointsHeld, long balance) {

    CustomEventResponse {
        pointsHeld = pointsHeld == null ? 0 : pointsHeld; // replies stored before the guard applied here
    }
}
