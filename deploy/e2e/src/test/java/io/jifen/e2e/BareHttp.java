package io.jifen.e2e;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The benchmark's load generator: HTTP/1.1 on one keep-alive socket per client thread, nothing else. The JDK's
 * {@code HttpClient} cost the benchmark's own process about 360 µs of CPU per request (its selector thread, futures
 * and header maps for 64 blocking callers), a fifth of a whole earn on the two cores it shares with the platform; this
 * costs a write and a read. It sends the request as given and reads the answer's status, headers and body (by
 * {@code Content-Length} or chunked), so it measures the same work as any client; it is not a general client (no
 * TLS, redirects, or 1xx answers).
 */
final class BareHttp implements AutoCloseable {

    private static final int TIMEOUT_MILLIS = 30_000;

    private final InetSocketAddress address;
    private final String host;
    private final ThreadLocal<Connection> connections = new ThreadLocal<>();
    private final Queue<Connection> opened = new ConcurrentLinkedQueue<>();

    BareHttp(String baseUrl) {
        URI uri = URI.create(baseUrl);
        this.address = new InetSocketAddress(uri.getHost(), uri.getPort());
        this.host = uri.getHost() + ":" + uri.getPort();
    }

    /** Sends one request on this thread's connection and returns the answer's status, or -1 when the link failed. */
    int send(String method, String path, Map<String, String> headers, String body) {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(256 + 64 * headers.size()).append(method).append(' ').append(path)
                .append(" HTTP/1.1\r\nHost: ").append(host).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (body != null) {
            head.append("Content-Length: ").append(content.length).append("\r\n");
        }
        byte[] start = head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
        Connection connection = connections.get();
        try {
            if (connection == null) {
                connection = new Connection(address);
                opened.add(connection);
                connections.set(connection);
            }
            int status = connection.exchange(start, content);
            if (!connection.reusable) {
                connection.close();
                opened.remove(connection);
                connections.remove();
            }
            return status;
        } catch (IOException e) {
            if (connection != null) {
                connection.close();
                opened.remove(connection);
            }
            connections.remove();
            return -1;
        }
    }

    @Override
    public void close() {
        opened.forEach(Connection::close);
        opened.clear();
    }

    private static final class Connection {

        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        private boolean reusable = true;

        Connection(InetSocketAddress address) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(address, 5_000);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
        }

        int exchange(byte[] start, byte[] content) throws IOException {
            out.write(start);
            out.write(content);
            out.flush();
            String status = readLine();
            if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
                throw new IOException("Not an HTTP/1.1 answer: " + status);
            }
            int code = Integer.parseInt(status, 9, 12, 10);
            long length = -1;
            boolean chunked = false;
            boolean closes = false;
            for (String header = readLine(); !header.isEmpty(); header = readLine()) {
                int colon = header.indexOf(':');
                String name = colon < 0 ? header : header.substring(0, colon);
                String value = colon < 0 ? "" : header.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                    chunked = value.equalsIgnoreCase("chunked");
                } else if (name.equalsIgnoreCase("Connection")) {
                    closes = value.equalsIgnoreCase("close");
                }
            }
            if (chunked) {
                for (long size = chunkSize(); size > 0; size = chunkSize()) {
                    skip(size);
                    readLine();
                }
                for (String trailer = readLine(); !trailer.isEmpty(); trailer = readLine()) {
                    // trailers are read and dropped
                }
            } else if (length >= 0) {
                skip(length);
            } else {
                throw new IOException("An answer without a length on a kept-alive connection");
            }
            reusable = !closes;
            return code;
        }

        private long chunkSize() throws IOException {
            String size = readLine();
            int extension = size.indexOf(';');
            return Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
        }

        private String readLine() throws IOException {
            line.reset();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new EOFException("Connection closed mid-answer");
                }
                if (b != '\r') {
                    line.write(b);
                }
            }
            return line.toString(StandardCharsets.ISO_8859_1);
        }

        private void skip(long bytes) throws IOException {
            for (long left = bytes; left > 0; ) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new EOFException("Connection closed mid-body");
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // already gone
            }
        }
    }
}
