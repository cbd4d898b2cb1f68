package io.jifen.e2e;

import static org.awaitility.Awaitility.await;

import io.jifen.testsupport.TestInfra;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.awaitility.core.ConditionTimeoutException;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamGroupInfo;

/**
 * The events the platform has not finished with: outbox rows not yet published, in every service's database, and
 * stream entries a consumer group has not yet read or not yet acknowledged. A benchmark figure waits for none to be
 * left, so it measures its own load, not the consumers still catching up on the previous figure's.
 */
final class EventBacklog {

    private static final List<String> DATABASES = List.of("jifen_tenant", "jifen_member", "jifen_points",
            "jifen_campaign", "jifen_analytics");

    private EventBacklog() {
    }

    /** Waits until nothing is left (or {@code max} has passed) and answers how long that took. */
    static Duration awaitDrained(RunningPlatform platform, Duration max) {
        long began = System.nanoTime();
        try (RedisClient redis = RedisClient.builder().fromURI(TestInfra.redis().url()).build()) {
            await().atMost(max).pollInterval(Duration.ofMillis(250)).until(() -> left(platform, redis) == 0);
        } catch (ConditionTimeoutException e) {
            return max;
        }
        return Duration.ofNanos(System.nanoTime() - began);
    }

    private static long left(RunningPlatform platform, RedisClient redis) throws SQLException {
        long left = 0;
        for (String database : DATABASES) {
            try (Connection db = platform.database(database); Statement statement = db.createStatement();
                    ResultSet unsent = statement.executeQuery(
                            "select count(*) from outbox_event where sent_at is null")) {
                unsent.next();
                left += unsent.getLong(1);
            } catch (SQLException e) {
                if (!"42P01".equals(e.getSQLState())) { // a service that publishes nothing has no outbox
                    throw e;
                }
            }
        }
        for (String stream : redis.keys("jifen:events:*")) {
            if (!"stream".equals(redis.type(stream))) {
                continue;
            }
            StreamEntryID last = redis.xinfoStream(stream).getLastGeneratedId();
            for (StreamGroupInfo group : redis.xinfoGroups(stream)) {
                boolean behind = group.getLastDeliveredId().compareTo(last) < 0;
                left += group.getPending() + (behind ? 1 : 0);
            }
        }
        return left;
    }
}
