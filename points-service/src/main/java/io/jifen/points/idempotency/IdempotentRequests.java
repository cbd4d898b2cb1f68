package io.jifen.points.idempotency;

import io.jifen.tenancy.TenantContext;
import io.jifen.tenancy.TenantId;
import io.jifen.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Idempotency-Key} for every write that moves points, scoped to the tenant. The key is claimed in its own
 * short transaction (so a concurrent repeat sees it in flight), the work runs in a second transaction that also
 * stores the reply, so "points moved" and "reply remembered" commit together or not at all.
 * <p>
 * A failed request (a 4xx problem, or a crash before commit) releases its key: nothing moved, so the client may
 * retry with the same key. A key left in flight by a process that died is taken over after {@link #ABANDONED}.
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
    }

    /**
     * Runs {@code work} once per key: the first call's reply is stored and replayed verbatim to every repeat with
     * the same operation and request.
     *
     * @param operation names the endpoint (a key reused on another endpoint is a different request)
     * @param request   the validated request record; its JSON form is what "the same body" means
     */
    public ResponseEntity<String> run(String key, String operation, Object request, Supplier<Reply> work) {
        TenantId tenant = TenantContext.require();
        requireValid(key);
        String hash = hash(operation + "\n" + json.writeValueAsString(request));
        ResponseEntity<String> replay = transactions.execute(status -> claim(tenant, key, hash));
        if (replay != null) {
            return replay;
        }
        try {
            return transactions.execute(status -> {
                Reply reply = work.get();
                String body = json.writeValueAsString(reply.body());
                jdbc.update("""
                        update idempotency_key set status = 'done', response_status = ?, response_body = ?,
                                                   completed_at = now()
                        where tenant_id = ? and key = ?""", reply.status().value(), body, tenant.value(), key);
                return reply(reply.status().value(), body);
            });
        } catch (RuntimeException e) {
            transactions.executeWithoutResult(status -> jdbc.update(
                    "delete from idempotency_key where tenant_id = ? and key = ? and status = 'in_flight'",
                    tenant.value(), key));
            throw e;
        }
    }

    /** {@code null}: the caller now owns the key; otherwise the stored reply to replay. */
    private ResponseEntity<String> claim(TenantId tenant, String key, String hash) {
        int claimed = jdbc.update("""
                insert into idempotency_key (tenant_id, key, request_hash, status) values (?, ?, ?, 'in_flight')
                on conflict do nothing""", tenant.value(), key, hash);
        if (claimed == 1) {
            return null;
        }
        List<Stored> rows = jdbc.query("""
                select request_hash, status, response_status, response_body from idempotency_key
                where tenant_id = ? and key = ? for update""",
                (row, i) -> new Stored(row.getString(1), row.getString(2), row.getInt(3), row.getString(4)),
                tenant.value(), key);
        if (rows.isEmpty()) {
            // The holder failed and released it between our insert and select: take it now.
            return claim(tenant, key, hash);
        }
        Stored stored = rows.getFirst();
        if (!stored.hash().equals(hash)) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency_key_reused",
                    "This Idempotency-Key was used for a different request");
        }
        if ("done".equals(stored.status())) {
            return reply(stored.responseStatus(), stored.body());
        }
        if (takeOverAbandoned(tenant, key)) {
            return null;
        }
        throw ApiException.conflict("idempotency_in_flight",
                "A request with this Idempotency-Key is still being processed; retry later");
    }

    private boolean takeOverAbandoned(TenantId tenant, String key) {
        return jdbc.update("""
                update idempotency_key set created_at = now()
                where tenant_id = ? and key = ? and status = 'in_flight'
                  and created_at < now() - cast(? as interval)""", tenant.value(), key, ABANDONED) == 1;
    }

    private static ResponseEntity<String> reply(int status, String body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private static void requireValid(String key) {
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
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Stored(String hash, String status, int responseStatus, String body) {
    }
}
