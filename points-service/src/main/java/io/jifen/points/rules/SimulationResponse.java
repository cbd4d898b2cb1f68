package io.jifen.points.rules;

import java.util.List;

/** What a purchase would earn now. */
record SimulationResponse(long pointsAwarded, List<Award> awards) {
}
