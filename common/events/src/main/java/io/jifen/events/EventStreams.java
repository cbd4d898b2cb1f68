package io.jifen.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.params.XPendingParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamPendingEntry;

/** Every Redis Streams command the library sends, over its own Jedis client (never the service's). */
final class EventStreams implements AutoCloseable {

    /** Suffix of the stream where entries no consumer could handle are parked, next to their source stream. */
    static final String DEAD_LETTER_SUFFIX = ":dlq";

    private static final StreamEntryID START = new StreamEntryID(0, 0);

    private final UnifiedJedis redis;
    private final long maxLen;

    EventStreams(UnifiedJedis redis, long maxLen) {
        this.redis = redis;
        this.maxLen = maxLen;
    }

    /**
     * A pooled client for {@code url}. Each consumer holds a connection while blocked in {@code XREADGROUP},
     * hence a pool larger than Jedis' default of 8.
     */
    static UnifiedJedis connect(String url, Duration block) {
        DefaultJedisClientConfig config = DefaultJedisClientConfig.builder()
                .clientName("jifen-events")
                // Past the block time: a link that dies silently mid-XREADGROUP fails instead of hanging forever.
                .blockingSocketTimeoutMillis((int) block.plusSeconds(10).toMillis())
                .build();
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(32);
        pool.setMaxWait(Duration.ofSeconds(5));
        return RedisClient.builder().clientConfig(config).fromURI(url).poolConfig(pool).build();
    }

    /**
     * What {@link #publishAll} did: the first {@code count} entries are in the stream; {@code failure} (null when
     * all are) is what stopped the next one.
     */
    record Published(int count, JedisException failure) {
    }

    /**
     * Appends entries in one pipelined round trip instead of one each. When the link fails during the pipeline,
     * which entries arrived is unknown: none counts as published, so all are sent again later and consumers absorb
     * the duplicates by event id, as after a relay crash.
     */
    Published publishAll(String stream, List<Map<String, String>> entries) {
        List<Response<StreamEntryID>> replies = new ArrayList<>(entries.size());
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (Map<String, String> fields : entries) {
                replies.add(pipeline.xadd(stream, addParams(), fields));
            }
            pipeline.sync();
        } catch (JedisException e) {
            return new Published(0, e);
        }
        for (int i = 0; i < replies.size(); i++) {
            try {
                replies.get(i).get();
            } catch (JedisException e) {
                return new Published(i, e);
            }
        }
        return new Published(entries.size(), null);
    }

    private XAddParams addParams() {
        XAddParams params = XAddParams.xAddParams();
        if (maxLen > 0) {
            // MAXLEN ~ lets Redis trim whole macro-nodes, nearly free; the stream keeps at least maxLen entries.
            params.maxLen(maxLen).approximateTrimming();
        }
        return params;
    }

    /** Creates the group reading {@code stream} from its first entry (and the stream, if absent); idempotent. */
    void createGroup(String stream, String group) {
        try {
            redis.xgroupCreate(stream, group, START, true);
        } catch (JedisDataException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("BUSYGROUP")) {
                throw e;
            }
        }
    }

    /** New entries for {@code consumer}, waiting up to {@code block} for some. */
    List<StreamMessage> read(String group, String consumer, List<String> streams, int count, Duration block) {
        Map<String, StreamEntryID> from = new LinkedHashMap<>();
        streams.forEach(stream -> from.put(stream, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
        XReadGroupParams params = XReadGroupParams.xReadGroupParams().count(count).block((int) block.toMillis());
        List<Map.Entry<String, List<StreamEntry>>> replies = redis.xreadGroup(group, consumer, params, from);
        List<StreamMessage> messages = new ArrayList<>();
        if (replies != null) {
            for (Map.Entry<String, List<StreamEntry>> reply : replies) {
                reply.getValue().forEach(entry -> messages.add(StreamMessage.of(reply.getKey(), entry)));
            }
        }
        return messages;
    }

    /**
     * Takes over entries of {@code stream} pending in {@code group} for longer than {@code minIdle}, whoever read
     * them (a dead consumer, or this one after a failed handler), starting at {@code cursor}.
     */
    ClaimedPage claimIdle(String stream, String group, String consumer, Duration minIdle, StreamEntryID cursor,
            int count) {
        Map.Entry<StreamEntryID, List<StreamEntry>> reply = redis.xautoclaim(stream, group, consumer,
                minIdle.toMillis(), cursor, XAutoClaimParams.xAutoClaimParams().count(count));
        List<StreamMessage> messages = new ArrayList<>();
        for (StreamEntry entry : reply.getValue()) {
            if (entry != null) {
                messages.add(StreamMessage.of(stream, entry));
            }
        }
        return new ClaimedPage(messages, reply.getKey());
    }

    /** How many times the pending entry {@code id} has been delivered (0 if no longer pending). */
    long deliveries(String stream, String group, StreamEntryID id) {
        List<StreamPendingEntry> pending = redis.xpending(stream, group, XPendingParams.xPendingParams(id, id, 1));
        return pending.isEmpty() ? 0 : pending.getFirst().getDeliveredTimes();
    }

    void ack(StreamMessage message, String group) {
        redis.xack(message.stream(), group, message.id());
    }

    /** Acknowledges entries of one stream with one {@code XACK}. */
    void ack(String stream, String group, List<StreamEntryID> ids) {
        if (!ids.isEmpty()) {
            redis.xack(stream, group, ids.toArray(StreamEntryID[]::new));
        }
    }

    /** Parks {@code message} in {@code <stream>:dlq} with why and by whom. Never trimmed: an operator drains it. */
    void deadLetter(StreamMessage message, String group, String consumer, String reason) {
        Map<String, String> fields = new LinkedHashMap<>(message.fields());
        fields.put("sourceStream", message.stream());
        fields.put("sourceEntryId", message.id().toString());
        fields.put("group", group);
        fields.put("consumer", consumer);
        fields.put("reason", reason);
        redis.xadd(message.stream() + DEAD_LETTER_SUFFIX, XAddParams.xAddParams(), fields);
    }

    static boolean isMissingGroup(JedisException e) {
        return e instanceof JedisDataException && e.getMessage() != null && e.getMessage().startsWith("NOGROUP");
    }

    @Override
    public void close() {
        redis.close();
    }

    /** An entry read from a stream. {@code fields} is empty if the entry was trimmed away while pending. */
    record StreamMessage(String stream, StreamEntryID id, Map<String, String> fields) {

        static StreamMessage of(String stream, StreamEntry entry) {
            return new StreamMessage(stream, entry.getID(), entry.getFields() == null ? Map.of() : entry.getFields());
        }
    }

    /** One page of {@code XAUTOCLAIM}; {@code next} is 0-0 when the whole pending list has been scanned. */
    record ClaimedPage(List<StreamMessage> messages, StreamEntryID next) {

        boolean last() {
            return next == null || START.equals(next);
        }
    }
}
