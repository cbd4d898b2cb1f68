package io.jifen.gateway;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server standing where a service would be. It answers with its name, the path, the headers and the body
 * the gateway forwarded (so a test sees routing and header handling), counts the calls per method and path, and can be
 * told to answer a path prefix with a canned response instead (an error, an HTML page of its container), or only when released.
 */
final class Downstream {

    private final String name;
    private final HttpServer server;
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();

    private Downstream(String name) throws IOException {
        this.name = name;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            hits.computeIfAbsent(exchange.getRequestMethod() + " " + path, k -> new AtomicInteger()).incrementAndGet();
            String received = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            CountDownLatch hold = holds.entrySet().stream().filter(entry -> path.startsWith(entry.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            if (hold != null) {
                try {
                    // Bounded, so a test that forgets to release cannot hang the server for ever.
                    hold.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Answer answer = answerFor(path);
            if (answer != null) {
                answer.headers().forEach(exchange.getResponseHeaders()::set);
                byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(answer.status(), bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
                return;
            }
            StringBuilder body = new StringBuilder(name + " " + path);
            exchange.getRequestHeaders().forEach((header, values) ->
                    body.append(' ').append(header.toLowerCase()).append('=').append(String.join(",", values)));
            if (!received.isEmpty()) {
                body.append(" body=").append(received);
            }
            byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    static Downstream start(String name) {
        try {
            return new Downstream(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An address where nothing listens: connections are refused. */
    static String nowhere() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String name() {
        return name;
    }

    /** Answers the path prefix with a problem document of that status, as our services answer errors. */
    void failWith(String pathPrefix, int status) {
        answer(pathPrefix, status, Map.of("Content-Type", "application/problem+json"),
                "{\"type\":\"https://jifen.io/problems/internal-error\",\"title\":\"Service error\",\"status\":" + status
                        + ",\"code\":\"internal_error\"}");
    }

    void answer(String pathPrefix, int status, Map<String, String> headers, String body) {
        answers.put(pathPrefix, new Answer(status, headers, body));
    }

    /** Holds every call of the path prefix unanswered until the returned latch is counted down (a stuck service). */
    CountDownLatch hold(String pathPrefix) {
        return holds.computeIfAbsent(pathPrefix, prefix -> new CountDownLatch(1));
    }

    int hits(String method, String path) {
        AtomicInteger count = hits.get(method + " " + path);
        return count == null ? 0 : count.get();
    }

    void stop() {
        server.stop(0);
    }

    private Answer answerFor(String path) {
        return answers.entrySet().stream()
                .filter(answer -> path.startsWith(answer.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    private record Answer(int status, Map<String, String> headers, String body) {
    }
}
