package io.jifen.gateway.ratelimit;

import io.jifen.gateway.tenant.TenantState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Admits a call with one round trip to Redis ({@code admit.lua}): reads the tenant's state, takes a token from its
 * bucket and counts the call, atomically. Reading the state here, rather than through a separate cache, means a
 * suspension or plan change is seen on the very next call and costs no extra command.
 */
@Component
class RedisAdmission {

    // The script's text, read once: a script built on the Resource re-checked the resource's modification time on
    // every call, which inside the boot jar throws (and catches) a FileNotFoundException per call.
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> ADMIT = RedisScript.of(read("io/jifen/gateway/ratelimit/admit.lua"), List.class);

    private final ReactiveStringRedisTemplate redis;
    private final String usageTtlSeconds;

    RedisAdmission(ReactiveStringRedisTemplate redis, RateLimitProperties properties) {
        this.redis = redis;
        this.usageTtlSeconds = Long.toString(properties.usageRetention().toSeconds());
    }

    /** The decision, with the tenant state it was made on (null for callers without a tenant). */
    Mono<Result> admit(Caller caller) {
        List<String> keys = caller.hasTenant()
                ? List.of(caller.bucketKey(), caller.stateKey(), caller.callsKey(Caller.today()),
                        caller.revokedClientsKey())
                : List.of(caller.bucketKey());
        List<String> args = List.of(Double.toString(caller.defaultLimit().rps()),
                Integer.toString(caller.defaultLimit().burst()), usageTtlSeconds,
                caller.clientId() == null ? "" : caller.clientId());
        return redis.execute(ADMIT, keys, args).collectList().map(RedisAdmission::flatten).map(RedisAdmission::parse);
    }

    private static String read(String resource) {
        try {
            return new ClassPathResource(resource).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    /** Lettuce's reactive API may emit a script's array reply element by element or as one list. */
    private static List<String> flatten(List<?> reply) {
        List<String> values = new ArrayList<>();
        for (Object element : reply) {
            if (element instanceof List<?> nested) {
                nested.forEach(value -> values.add(String.valueOf(value)));
            } else {
                values.add(String.valueOf(element));
            }
        }
        return values;
    }

    private static Result parse(List<String> reply) {
        Decision.Outcome outcome = Decision.Outcome.valueOf(reply.get(0).toUpperCase());
        TenantState state = new TenantState(outcome == Decision.Outcome.SUSPENDED,
                Double.parseDouble(reply.get(3)), (int) Double.parseDouble(reply.get(4)));
        return new Result(new Decision(outcome, Long.parseLong(reply.get(1)), Long.parseLong(reply.get(2))), state);
    }

    record Result(Decision decision, TenantState state) {
    }
}
