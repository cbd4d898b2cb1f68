package io.jifen.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A real Redis server, the Linux binary shipped inside the embedded-redis jar on Maven Central. */
public final class Redis {

    private static final String BINARY = "redis-server-6.2.6-v5-linux-amd64";

    private final int port;
    private final ProcessHandle process;

    private Redis(int port, ProcessHandle process) {
        this.port = port;
        this.process = process;
    }

    public static Path binary(Path cache) {
        String version = Artifacts.version("redis");
        Path jar = Artifacts.file("com.github.codemonstur", "embedded-redis", version, "jar");
        Path dir = Dist.unpacked(cache, "redis-" + version, target -> {
            Path out = target.resolve("redis-server");
            Dist.extractEntry(jar, BINARY, out);
            out.toFile().setExecutable(true, false);
        });
        return dir.resolve("redis-server");
    }

    /**
     * Starts Redis on {@code port}. With {@code persistent} it keeps an append-only file in {@code dataDir}
     * (the local platform); without, it keeps nothing on disk (tests).
     */
    public static Redis start(Path cache, Path dataDir, int port, Path log, boolean detached, boolean persistent) {
        Path binary = binary(cache);
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--dir", dataDir.toString(), "--protected-mode", "yes", "--daemonize", "no"));
        if (persistent) {
            command.addAll(List.of("--appendonly", "yes", "--appendfsync", "everysec"));
        } else {
            command.addAll(List.of("--save", "", "--appendonly", "no"));
        }
        ProcessHandle process = Proc.start(command, dataDir, Map.of(), log, detached);
        Redis redis = new Redis(port, process);
        Proc.await("Redis on port " + port, Duration.ofSeconds(30), process, log, redis::isReady);
        return redis;
    }

    public static Redis attach(int port, ProcessHandle process) {
        return new Redis(port, process);
    }

    public boolean isReady() {
        return ping(port);
    }

    /** Speaks just enough RESP to ask PING and expect PONG (LOADING and errors are not ready). */
    public static boolean ping(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            socket.setSoTimeout(1_000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = new byte[7];
            int read = in.readNBytes(reply, 0, 7);
            return read == 7 && new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException e) {
            return false;
        }
    }

    public int port() {
        return port;
    }

    public ProcessHandle process() {
        return process;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public void stop() {
        Proc.stop(process, "TERM", Duration.ofSeconds(15));
    }
}
