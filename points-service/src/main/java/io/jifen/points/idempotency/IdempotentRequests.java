package io.jifen.points.idempotency;

import io.jifen.points.transaction.SqlArray;
import io.jifen.tenancy.TenantContext;
import io.jifen.tenancy.TenantId;
import io.jifen.web.ApiException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Idempotency-Key} for every write that moves points, scoped to the tenant. The key, the work and the stored
 * reply share the work's transaction, so "points moved" and "reply remembered" commit together or not at all, in one
 * commit per write.
 * <p>
 * The transaction's first statement takes the key's advisory lock ({@link #lock}) without waiting: a repeat that
 * finds it held answers 409 while the first is in flight. Holding it, the next statement sees every reply committed
 * before it: READ COMMITTED takes a snapshot per statement, and a transaction releases its locks only once its commit
 * is visible. So a stored reply is replayed (or another body refused), and otherwise the work runs and its reply is
 * inserted before the commit. Everything about the key until then is uncommitted, so a failed request (a 4xx problem
 * thrown by the work, or a crash before commit) rolls back with nothing left behind: the lock goes with the
 * transaction or its connection, and the key is free for a retry at once.
 * <p>
 * Because the lock is never waited for, it cannot take part in a deadlock with the locks the work takes after it.
 * Rows {@code in_flight} are claims that instances from before this scheme committed on their own, which they then
 * worked on without this lock: such a claim is answered as in flight, and taken over once {@link #ABANDONED}.
 */
@Component
public class IdempotentRequests {

    public static final String HEADER = "Idempotency-Key";
    static final int MAX_KEY_LENGTH = 255;
    static final String ABANDONED = "5 minutes";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final JsonMapper json;

    IdempotentRequests(JdbcTemplate jdbc, TransactionTemplate transactions, JsonMapper json) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
    }

    /** What the work answers: a status and a body (a response record). */
    public record Reply(HttpStatus status, Object body) {

        /** 201 when this call created what {@code body} describes, 200 when it was already there. */
        public static Reply of(boolean created, Object body) {
            return new Reply(created ? HttpStatus.CREATED : HttpStatus.OK, body);
        }
    }

    /**
     * Runs {@code work} once per key: the first call's reply is stored and replayed verbatim to every repeat with
     * the same operation and request. The work joins this call's transaction (its {@code @Transactional} methods
     * participate in it); an exception it throws rolls everything back and reaches the caller as it is.
     *
     * @param operation names the endpoint (a key reused on another endpoint is a different request)
     * @param request   the validated request record; its JSON form is what "the same body" means
     */
    public ResponseEntity<String> run(String key, String operation, Object request, Supplier<Reply> work) {
        TenantId tenant = TenantContext.require();
        requireValid(key);
        String hash = hash(operation + "\n" + json.writeValueAsString(request));
        return transactions.execute(status -> {
            lock(tenant, key);
            ResponseEntity<String> replay = stored(tenant, key, hash);
            if (replay != null) {
                return replay;
            }
            Reply reply = work.get();
            String body = json.writeValueAsString(reply.body());
            remember(tenant, key, hash, reply.status().value(), body);
            return reply(reply.status().value(), body);
        });
    }

    /** One request of {@link #runAll}: its key and its validated request record. */
    public record Call(String key, Object request) {
    }

    /**
     * What a request of {@link #runAll} answers: its reply, or the problem refusing it (nothing of it stored), or
     * neither: it must be run by itself with {@link #run} (a claim of an older instance to look at alone).
     */
    public record Answer(ResponseEntity<String> reply, RuntimeException refused) {

        static final Answer ALONE = new Answer(null, null);

        public boolean alone() {
            return reply == null && refused == null;
        }
    }

    /** What the work answers for one request of {@link #runAll}: a reply, or the problem refusing it. */
    public record Outcome(Reply reply, RuntimeException refused) {
    }

    /**
     * {@link #run} for many requests of one operation and tenant in one transaction, as if each ran by itself, in
     * order, with distinct keys: one statement takes all their keys' locks, one reads their stored replies, the work
     * runs once for the requests that are new ({@code work} answers one outcome per request it is given, in order)
     * and one statement stores every reply. A request refused by its outcome stores nothing, as it would alone;
     * everything else commits together. Anything {@code work} throws rolls back the whole group.
     *
     * @param calls requests with distinct keys, each already {@link #requireValid valid}
     */
    public List<Answer> runAll(String operation, List<Call> calls, Function<List<Object>, List<Outcome>> work) {
        TenantId tenant = TenantContext.require();
        List<String> hashes = calls.stream()
                .map(call -> hash(operation + "\n" + json.writeValueAsString(call.request()))).toList();
        return transactions.execute(status -> {
            Answer[] answers = new Answer[calls.size()];
            List<Boolean> locked = lockAll(tenant, calls);
            Map<String, Stored> stored = storedAll(tenant, calls);
            List<Integer> fresh = new ArrayList<>();
            for (int i = 0; i < calls.size(); i++) {
                Stored prior = stored.get(calls.get(i).key());
                if (!locked.get(i)) {
                    answers[i] = new Answer(null, inFlight());
                } else if (prior == null) {
                    fresh.add(i);
                } else if (!prior.hash().equals(hashes.get(i))) {
                    answers[i] = new Answer(null, reused());
                } else if ("done".equals(prior.status())) {
                    answers[i] = new Answer(reply(prior.responseStatus(), prior.body()), null);
                } else {
                    answers[i] = Answer.ALONE;
                }
            }
            List<Outcome> outcomes = fresh.isEmpty() ? List.of()
                    : work.apply(fresh.stream().map(i -> calls.get(i).request()).toList());
            if (outcomes.size() != fresh.size()) {
                throw new IllegalStateException(outcomes.size() + " outcomes for " + fresh.size() + " requests");
            }
            List<Integer> replied = new ArrayList<>();
            List<Integer> statuses = new ArrayList<>();
            List<String> bodies = new ArrayList<>();
            for (int j = 0; j < fresh.size(); j++) {
                int i = fresh.get(j);
                Outcome outcome = outcomes.get(j);
                if (outcome.refused() != null) {
                    answers[i] = new Answer(null, outcome.refused());
                } else {
                    int code = outcome.reply().status().value();
                    String body = json.writeValueAsString(outcome.reply().body());
                    answers[i] = new Answer(reply(code, body), null);
                    replied.add(i);
                    statuses.add(code);
                    bodies.add(body);
                }
            }
            rememberAll(tenant, replied.stream().map(i -> calls.get(i).key()).toList(),
                    replied.stream().map(hashes::get).toList(), statuses, bodies);
            return List.of(answers);
        });
    }

    /** Tries every call's key lock in one statement; whether each was taken, in order. */
    private List<Boolean> lockAll(TenantId tenant, List<Call> calls) {
        Integer[] high = new Integer[calls.size()];
        Integer[] low = new Integer[calls.size()];
        for (int i = 0; i < calls.size(); i++) {
            int[] lock = lockOf(tenant, calls.get(i).key());
            high[i] = lock[0];
            low[i] = lock[1];
        }
        return jdbc.query("""
                select pg_try_advisory_xact_lock(k.high, k.low)
                from unnest(?::int4[], ?::int4[]) with ordinality as k(high, low, n) order by k.n""",
                SqlArray.bind(new SqlArray("int4", high), new SqlArray("int4", low)), (row, i) -> row.getBoolean(1));
    }

    private Map<String, Stored> storedAll(TenantId tenant, List<Call> calls) {
        Map<String, Stored> stored = new HashMap<>();
        jdbc.query("""
                select key, request_hash, status, response_status, response_body from idempotency_key
                where tenant_id = ? and key = any(?::text[])""",
                SqlArray.bind(tenant.value(), SqlArray.column("text", calls, Call::key)), row -> {
                    stored.put(row.getString(1), new Stored(row.getString(2), row.getString(3), row.getInt(4),
                            row.getString(5)));
                });
        return stored;
    }

    /** {@link #remember} for many replies in one statement. */
    private void rememberAll(TenantId tenant, List<String> keys, List<String> hashes, List<Integer> statuses,
            List<String> bodies) {
        if (keys.isEmpty()) {
            return;
        }
        int stored = jdbc.update("""
                insert into idempotency_key (tenant_id, key, request_hash, status, response_status, response_body,
                                             completed_at)
                select ?, k.key, k.hash, 'done', k.status, k.body, clock_timestamp()
                from unnest(?::text[], ?::text[], ?::int4[], ?::text[]) as k(key, hash, status, body)
                on conflict do nothing""", SqlArray.bind(tenant.value(), SqlArray.of("text", keys),
                SqlArray.of("text", hashes), SqlArray.of("int4", statuses), SqlArray.of("text", bodies)));
        if (stored != keys.size()) {
            throw inFlight();
        }
    }

    /**
     * Takes the key's lock until the transaction ends, or answers 409. Two-int advisory locks are a lock space of
     * their own, apart from the bigint ones points-service takes on orders, payments and events (PostgreSQL tells
     * them apart), and only this class takes them. Both ints come from a SHA-256 of tenant and key: two keys share a
     * lock only by a 64-bit collision, and then the one arriving second is merely told to retry.
     */
    private void lock(TenantId tenant, String key) {
        int[] lock = lockOf(tenant, key);
        Boolean locked = jdbc.queryForObject("select pg_try_advisory_xact_lock(?, ?)", Boolean.class, lock[0],
                lock[1]);
        if (!Boolean.TRUE.equals(locked)) {
            throw inFlight();
        }
    }

    /** The two ints of a key's advisory lock ({@link #lock}). */
    private static int[] lockOf(TenantId tenant, String key) {
        ByteBuffer digest = ByteBuffer.wrap(sha256(tenant.value() + "\n" + key));
        return new int[] {digest.getInt(), digest.getInt()};
    }

    /** The reply to replay; {@code null}: this transaction does the work. */
    private ResponseEntity<String> stored(TenantId tenant, String key, String hash) {
        List<Stored> rows = jdbc.query("""
                select request_hash, status, response_status, response_body from idempotency_key
                where tenant_id = ? and key = ?""",
                (row, i) -> new Stored(row.getString(1), row.getString(2), row.getInt(3), row.getString(4)),
                tenant.value(), key);
        if (rows.isEmpty()) {
            return null;
        }
        Stored stored = rows.getFirst();
        if (!stored.hash().equals(hash)) {
            throw reused();
        }
        if ("done".equals(stored.status())) {
            return reply(stored.responseStatus(), stored.body());
        }
        if (takeOverAbandoned(tenant, key)) {
            return null;
        }
        throw inFlight();
    }

    /** Removes an older instance's abandoned claim (back again if this transaction rolls back). */
    private boolean takeOverAbandoned(TenantId tenant, String key) {
        return jdbc.update("""
                delete from idempotency_key
                where tenant_id = ? and key = ? and status = 'in_flight'
                  and created_at < now() - cast(? as interval)""", tenant.value(), key, ABANDONED) == 1;
    }

    /**
     * Stores the reply. Every writer of a reply holds the key's lock, so no row can have appeared since
     * {@link #stored}, except a claim an older instance committed without the lock: then the work is rolled back
     * and the client told to retry, rather than both moving points.
     */
    private void remember(TenantId tenant, String key, String hash, int status, String body) {
        int stored = jdbc.update("""
                insert into idempotency_key (tenant_id, key, request_hash, status, response_status, response_body,
                                             completed_at)
                values (?, ?, ?, 'done', ?, ?, clock_timestamp())
                on conflict do nothing""", tenant.value(), key, hash, status, body);
        if (stored != 1) {
            throw inFlight();
        }
    }

    private static ApiException reused() {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency_key_reused",
                "This Idempotency-Key was used for a different request");
    }

    private static ApiException inFlight() {
        return ApiException.conflict("idempotency_in_flight",
                "A request with this Idempotency-Key is still being processed; retry later");
    }

    private static ResponseEntity<String> reply(int status, String body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }

    /** 400 unless {@code key} is a usable Idempotency-Key ({@link #run} checks it itself). */
    public static void requireValid(String key) {
        if (key == null || key.isBlank()) {
            throw ApiException.badRequest("idempotency_key_required",
                    "This operation moves points: send an Idempotency-Key header (a unique id per operation)");
        }
        if (key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw ApiException.badRequest("invalid_idempotency_key",
                    "An Idempotency-Key is 1-" + MAX_KEY_LENGTH + " printable ASCII characters");
        }
    }

    /** SHA-256 of a request's canonical form, hex. */
    public static String hash(String text) {
        return HexFormat.of().formatHex(sha256(text));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Stored(String hash, String status, int responseStatus, String body) {
    }
}
