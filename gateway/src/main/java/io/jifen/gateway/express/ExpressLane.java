package io.jifen.gateway.express;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.jifen.gateway.RequestIdWebFilter;
import io.jifen.gateway.problem.ProblemResponses;
import io.jifen.gateway.problem.ServiceUnavailable;
import io.jifen.gateway.ratelimit.Decision;
import io.jifen.gateway.ratelimit.TenantAdmission;
import io.jifen.gateway.resilience.ContainerRefusalFilter;
import io.jifen.gateway.security.CheckedTokens;
import io.jifen.gateway.security.TenantClaims;
import io.jifen.httpchecks.BearerHeader;
import io.jifen.httpchecks.HeaderText;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.util.AsciiString;
import io.netty.util.AttributeKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.oauth2.jwt.Jwt;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.netty.Connection;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.util.retry.Retry;
import reactor.util.retry.RetryBackoffSpec;

/**
 * The gateway's express lane (docs/adr/0022): the few calls a merchant's backend makes all day long (a purchase, a
 * batch of purchases, a refund, a redemption, a balance read) handled on reactor-netty directly, without WebFlux,
 * Spring Security's filter chain and Spring Cloud Gateway's route machinery, which cost about twice what the
 * forwarding itself does.
 * <p>
 * It takes only calls whose every check is already known to pass or is its own: exact method and path (safe
 * characters only, no query string), one well-formed bearer header whose token the gateway has already checked and
 * that has not expired ({@link CheckedTokens}) and that names a tenant, header names and values the firewall allows,
 * no CORS origin, no {@code Expect}, and the route's circuit closed. Every other call, the first call of each token
 * included, takes the full chain, which answers it exactly as before. What the lane does itself it does as the chain
 * does: the request id and the dropped {@code X-Tenant-Id}, the tenant's admission (the same Redis bucket, refusals,
 * {@code X-RateLimit-Remaining}), forwarding through the gateway's own HTTP client with the route's response timeout,
 * the route's circuit breaker, retries of reads, a container's refusal or an unreachable service as 503
 * {@code service_unavailable}, and the same response headers. A check added to the chain must be added here too.
 */
final class ExpressLane {

    private static final Logger log = LoggerFactory.getLogger(ExpressLane.class);
    private static final AsciiString PROBLEM_JSON = AsciiString.cached("application/problem+json");
    private static final String X_TENANT_ID = RequestIdWebFilter.TENANT_ID;
    private static final String X_REQUEST_ID = RequestIdWebFilter.REQUEST_ID;
    /** Hop-by-hop headers (RFC 9110 7.6.1) and the ones the client sets itself: never forwarded in either direction. */
    private static final List<AsciiString> HOP_BY_HOP = List.of(HttpHeaderNames.CONNECTION, HttpHeaderNames.KEEP_ALIVE,
            HttpHeaderNames.TE, HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderNames.UPGRADE, HttpHeaderNames.TRAILER,
            HttpHeaderNames.PROXY_AUTHENTICATE, HttpHeaderNames.PROXY_AUTHORIZATION, HttpHeaderNames.HOST);
    /** The headers Spring Security's defaults add to every answer of the full chain, when the answer has none. */
    private static final List<Map.Entry<String, String>> SECURITY_HEADERS = List.of(
            Map.entry("X-Content-Type-Options", "nosniff"),
            Map.entry("X-Frame-Options", "DENY"),
            Map.entry("X-XSS-Protection", "0"),
            Map.entry("Referrer-Policy", "no-referrer"));
    /** The values the CORS filter adds to {@code Vary} on every answer of the full chain. */
    private static final String VARY_HEADER = "Vary";
    private static final List<String> VARY = List.of("Origin", "Access-Control-Request-Method",
            "Access-Control-Request-Headers");
    /**
     * As the full chain's {@code Retry} filter retries reads (on a connection failure or a 502/503 answer): twice,
     * after 50 and 100 ms (at most 500 ms); the last answer is passed on.
     */
    private static final int READ_RETRIES_MAX = 2;
    private static final RetryBackoffSpec READ_RETRIES = Retry.backoff(READ_RETRIES_MAX, Duration.ofMillis(50))
            .maxBackoff(Duration.ofMillis(500));

    /**
     * One lane: calls of {@code method} on a path matching {@code path} go where the gateway's route {@code routeId}
     * goes, with its response timeout.
     */
    record Lane(String routeId, HttpMethod method, Pattern path) {
    }

    /** A lane with its route's target and response timeout, resolved from the gateway's routes. */
    record Target(Lane lane, String upstream, Duration responseTimeout, CircuitBreaker breaker, LongAdder calls) {
    }

    /** What accepts() found for the request it said yes to. */
    private record Accepted(Target target, Jwt jwt) {
    }

    private static final AttributeKey<Accepted> ACCEPTED =
            AttributeKey.valueOf(ExpressLane.class.getName() + ".accepted");

    private final List<Target> targets;
    private final CheckedTokens tokens;
    private final TenantAdmission admission;
    private final HttpClient client;
    private final ProblemResponses problems;
    private final ServiceUnavailable unavailable;
    private final MeterRegistry meters;
    // The timers by method and status: a handful, built once each rather than on every call.
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    ExpressLane(List<Target> targets, CheckedTokens tokens, TenantAdmission admission, HttpClient client,
            ProblemResponses problems, ServiceUnavailable unavailable, MeterRegistry meters) {
        this.targets = targets;
        this.tokens = tokens;
        this.admission = admission;
        this.client = client;
        this.problems = problems;
        this.unavailable = unavailable;
        this.meters = meters;
    }

    /**
     * Whether this lane takes the call; false leaves it to the full chain. Reads headers only, never blocks. What it
     * found is handed to {@link #handle} on the connection, which the server calls next for the same request.
     */
    boolean accepts(HttpServerRequest request) {
        Target target = target(request);
        Jwt jwt = target != null ? tenantToken(request.requestHeaders()) : null;
        if (jwt == null || !(request instanceof Connection connection)) {
            return false;
        }
        connection.channel().attr(ACCEPTED).set(new Accepted(target, jwt));
        return true;
    }

    /** The calls the lanes have taken, by route id (lanes of one route share one count). */
    Map<String, Long> calls() {
        return targets.stream().collect(Collectors.toMap(target -> target.lane().routeId(),
                target -> target.calls().sum(), (same, again) -> same));
    }

    /**
     * The call, timed as the full chain times every call it proxies ({@code http.server.requests}, the same tags, the
     * route's URI as {@code UNKNOWN}), so the gateway's request metrics still count every call.
     */
    Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        long start = System.nanoTime();
        return forwardOrRefuse(request, response).doFinally(signal -> timed(request, response, start, signal));
    }

    private void timed(HttpServerRequest request, HttpServerResponse response, long start, SignalType signal) {
        String method = request.method().name();
        String status = signal == SignalType.CANCEL ? "UNKNOWN" : Integer.toString(response.status().code());
        timers.computeIfAbsent(method + " " + status, key -> Timer.builder("http.server.requests")
                        .tag("method", method)
                        .tag("uri", "UNKNOWN")
                        .tag("status", status)
                        .tag("outcome", status.equals("UNKNOWN") ? "UNKNOWN"
                                : Outcome.forStatus(Integer.parseInt(status)).name())
                        .tag("exception", "none")
                        .tag("error", "none")
                        .register(meters))
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    private Mono<Void> forwardOrRefuse(HttpServerRequest request, HttpServerResponse response) {
        Accepted accepted = request instanceof Connection connection
                ? connection.channel().attr(ACCEPTED).getAndSet(null) : null;
        if (accepted == null) {
            // Only reached if the server called the handler without asking accepts() for this request first.
            return unavailable(request, response, RequestIdWebFilter.idFor(null), -1,
                    "The call could not be routed; try again");
        }
        Target target = accepted.target();
        Jwt jwt = accepted.jwt();
        target.calls().increment();
        String requestId = RequestIdWebFilter.idFor(request.requestHeaders().get(X_REQUEST_ID));
        String tenant = TenantClaims.tenantOf(jwt).orElseThrow();
        return admission.admit(tenant, jwt.getClaimAsString("azp"))
                .flatMap(decision -> {
                    Decision.Refusal refusal = decision.refusal();
                    if (refusal != null) {
                        return refuse(request, response, requestId, decision.remaining(), refusal);
                    }
                    return forward(target, request, response, requestId, decision.remaining());
                });
    }

    private Mono<Void> forward(Target target, HttpServerRequest request, HttpServerResponse response, String requestId,
            long remaining) {
        boolean read = request.method() == HttpMethod.GET;
        HttpClient.RequestSender sender = client
                .headers(headers -> forwardedHeaders(request.requestHeaders(), headers, requestId))
                .responseTimeout(target.responseTimeout())
                .request(request.method())
                .uri(target.upstream() + request.uri());
        HttpClient.ResponseReceiver<?> receiver = read ? sender : sender.send(request.receive().retain());
        AtomicInteger busyAnswers = new AtomicInteger();
        Mono<Void> call = receiver
                .responseConnection((upstream, connection) -> {
                    int status = upstream.status().code();
                    if (read && (status == 502 || status == 503) && busyAnswers.incrementAndGet() <= READ_RETRIES_MAX) {
                        connection.dispose();
                        return Mono.error(new BusyAnswer(status));
                    }
                    return answer(request, response, upstream, connection, requestId, remaining, target);
                })
                .then();
        if (read) {
            call = call.retryWhen(READ_RETRIES.filter(failure -> (connectionFailure(failure)
                    || failure instanceof BusyAnswer) && !response.hasSentHeaders()));
        }
        return call
                .transformDeferred(CircuitBreakerOperator.of(target.breaker()))
                .onErrorResume(failure -> failed(request, response, requestId, remaining, target, failure));
    }

    private Mono<Void> answer(HttpServerRequest request, HttpServerResponse response, HttpClientResponse upstream,
            Connection connection, String requestId, long remaining, Target target) {
        int status = upstream.status().code();
        HttpHeaders from = upstream.responseHeaders();
        if (ContainerRefusalFilter.isContainerRefusal(HttpStatusCode.valueOf(status),
                from.get(HttpHeaderNames.CONTENT_TYPE))) {
            log.warn("Route {}: upstream answered {} ({}) without a problem document, a refusal by its container; "
                            + "answering 503 to {} {}", target.lane().routeId(), status,
                    from.get(HttpHeaderNames.CONTENT_TYPE), request.method(), request.uri());
            connection.dispose();
            return unavailable(request, response, requestId, remaining, ServiceUnavailable.SERVICE_DOWN);
        }
        response.status(upstream.status().code());
        HttpHeaders to = response.responseHeaders();
        for (Map.Entry<String, String> header : from) {
            if (!hopByHop(header.getKey())
                    && !header.getKey().equalsIgnoreCase(X_REQUEST_ID)
                    && !header.getKey().equalsIgnoreCase(Decision.REMAINING)) {
                to.add(header.getKey(), header.getValue());
            }
        }
        gatewayHeaders(to, requestId, remaining);
        // A caller that hangs up mid-answer is neither the service's failure (the breaker must not count it) nor ours.
        return response.send(connection.inbound().receive().retain()).then()
                .onErrorResume(failure -> callerGone(response, failure), failure -> Mono.empty());
    }

    private Mono<Void> failed(HttpServerRequest request, HttpServerResponse response, String requestId,
            long remaining, Target target, Throwable failure) {
        if (callerGone(response, failure)) {
            log.debug("The caller of {} {} closed its connection before the answer: {}", request.method(),
                    request.uri(), failure.toString());
            return Mono.empty();
        }
        if (response.hasSentHeaders()) {
            // The answer was on its way when the upstream failed: nothing else can be written on this connection.
            log.warn("Route {}: upstream failed mid-answer for {} {}: {}", target.lane().routeId(), request.method(),
                    request.uri(), failure.toString());
            return Mono.error(failure);
        }
        if (failure instanceof CallNotPermittedException) {
            log.warn("Circuit breaker open for {} {}", request.method(), request.uri());
        } else if (connectionFailure(failure) || failure instanceof TimeoutException
                || failure.getCause() instanceof TimeoutException) {
            log.warn("Downstream unavailable for {} {}: {}", request.method(), request.uri(), failure.toString());
        } else {
            log.error("Unexpected express lane error for {} {}", request.method(), request.uri(), failure);
        }
        return unavailable(request, response, requestId, remaining, ServiceUnavailable.SERVICE_DOWN);
    }

    private Mono<Void> refuse(HttpServerRequest request, HttpServerResponse response, String requestId,
            long remaining, Decision.Refusal refusal) {
        if (refusal.header() != null) {
            response.header(refusal.header(), refusal.headerValue());
        }
        return problem(request, response, requestId, remaining, refusal.status(), refusal.code(), refusal.detail());
    }

    private Mono<Void> unavailable(HttpServerRequest request, HttpServerResponse response, String requestId,
            long remaining, String detail) {
        response.header(HttpHeaderNames.RETRY_AFTER, unavailable.retryAfter());
        return problem(request, response, requestId, remaining, HttpStatus.SERVICE_UNAVAILABLE,
                ServiceUnavailable.CODE, detail);
    }

    private Mono<Void> problem(HttpServerRequest request, HttpServerResponse response, String requestId,
            long remaining, HttpStatus status, String code, String detail) {
        byte[] body = problems.bytes(request.uri(), requestId, status, code, detail);
        response.status(status.value());
        HttpHeaders headers = response.responseHeaders();
        headers.set(HttpHeaderNames.CONTENT_TYPE, PROBLEM_JSON);
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        gatewayHeaders(headers, requestId, remaining);
        return response.send(Mono.just(Unpooled.wrappedBuffer(body))).then();
    }

    /** What the full chain adds to every answer: the request id, the bucket's remainder, CORS's Vary, security headers. */
    private static void gatewayHeaders(HttpHeaders headers, String requestId, long remaining) {
        headers.set(X_REQUEST_ID, requestId);
        if (remaining >= 0) {
            headers.set(Decision.REMAINING, Long.toString(remaining));
        }
        List<String> vary = headers.getAll(VARY_HEADER);
        for (String value : VARY) {
            if (!vary.contains(value)) {
                headers.add(VARY_HEADER, value);
            }
        }
        if (!headers.contains(HttpHeaderNames.CACHE_CONTROL) && !headers.contains(HttpHeaderNames.PRAGMA)
                && !headers.contains(HttpHeaderNames.EXPIRES)) {
            headers.set(HttpHeaderNames.CACHE_CONTROL, "no-cache, no-store, max-age=0, must-revalidate");
            headers.set(HttpHeaderNames.PRAGMA, "no-cache");
            headers.set(HttpHeaderNames.EXPIRES, "0");
        }
        for (Map.Entry<String, String> header : SECURITY_HEADERS) {
            if (!headers.contains(header.getKey())) {
                headers.set(header.getKey(), header.getValue());
            }
        }
    }

    /** The caller's headers as the full chain forwards them: no hop-by-hop ones, no X-Tenant-Id, the request id. */
    private static void forwardedHeaders(HttpHeaders from, HttpHeaders to, String requestId) {
        for (Map.Entry<String, String> header : from) {
            String name = header.getKey();
            if (!hopByHop(name) && !name.equalsIgnoreCase(X_TENANT_ID)
                    && !name.equalsIgnoreCase(X_REQUEST_ID)) {
                to.add(bytes(name), bytes(header.getValue()));
            }
        }
        to.set(X_REQUEST_ID, requestId);
    }

    /**
     * A received header's name or value as the bytes it arrived as. Netty decodes each byte of a header into one char,
     * and writes a {@code String} back out a char at a time; an {@link AsciiString} it copies whole. For the
     * kilobyte bearer token that char loop was about a tenth of the lane's CPU per call. The bytes are the same
     * either way: a char above 255, which no decoded header holds, becomes {@code ?} in both.
     */
    static AsciiString bytes(String text) {
        return new AsciiString(text.getBytes(StandardCharsets.ISO_8859_1), false);
    }

    private Target target(HttpServerRequest request) {
        String uri = request.uri();
        if (uri.indexOf('?') >= 0 || uri.indexOf('#') >= 0) {
            return null;
        }
        for (Target target : targets) {
            Lane lane = target.lane();
            if (lane.method().equals(request.method()) && lane.path().matcher(uri).matches()) {
                return target.breaker().getState() == CircuitBreaker.State.CLOSED ? target : null;
            }
        }
        return null;
    }

    /** The checked token of a tenant in a request the full chain would let through unchanged; null otherwise. */
    private Jwt tenantToken(HttpHeaders headers) {
        // An Upgrade (a Java client's h2c offer) is ignored by this HTTP/1.1 server either way, and never forwarded.
        if (headers.contains(HttpHeaderNames.ORIGIN) || headers.contains(HttpHeaderNames.EXPECT)) {
            return null;
        }
        List<String> authorization = headers.getAll(HttpHeaderNames.AUTHORIZATION);
        if (authorization.size() != 1) {
            return null;
        }
        String token = BearerHeader.onlyToken(authorization.get(0), null, headers.get(HttpHeaderNames.CONTENT_TYPE));
        Jwt jwt = token != null ? tokens.checked(token) : null;
        if (jwt == null || !isTenant(jwt)) {
            return null;
        }
        for (Map.Entry<String, String> header : headers) {
            if (!HeaderText.allowedName(header.getKey()) || !HeaderText.allowedValue(header.getValue())) {
                return null;
            }
        }
        return jwt;
    }

    private static boolean isTenant(Jwt jwt) {
        try {
            Optional<String> tenant = TenantClaims.tenantOf(jwt);
            return tenant.isPresent();
        } catch (TenantClaims.InvalidTenantClaimException e) {
            return false;
        }
    }

    /** A read's 502 or 503 answer that is retried rather than passed on. */
    private static final class BusyAnswer extends RuntimeException {

        BusyAnswer(int status) {
            super("upstream answered " + status, null, false, false);
        }
    }

    /** Whether the caller's own connection is closed (a phone losing its signal, a load generator stopping). */
    private static boolean callerGone(HttpServerResponse response, Throwable failure) {
        return failure instanceof AbortedException
                || response instanceof Connection connection && !connection.channel().isActive();
    }

    /** Connection refused or reset, or closed before the answer: the call may not have reached the service. */
    private static boolean connectionFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static boolean hopByHop(String name) {
        for (AsciiString header : HOP_BY_HOP) {
            if (header.contentEqualsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
