package io.jifen.points;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/** What {@link Api} lacks for the plugin endpoints: multipart upload, PUT, PATCH and DELETE. */
final class PluginHttp {

    /** The reactor-built plugin jars, copied here by maven-dependency-plugin (never on the classpath). */
    static final Path JARS = Path.of("target", "test-plugins");


    private final String base;

    PluginHttp(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    static byte[] jar(String artifactId) {
        try {
            return Files.readAllBytes(JARS.resolve(artifactId + ".jar"));
        } catch (IOException e) {
            throw new UncheckedIOException("Run through Maven (verify): it copies the plugin jars to " + JARS, e);
        }
    }

    Api.Response upload(String token, String fileName, byte[] jar) {
        String boundary = "jifen-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jar\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(jar);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return Api.send(request("/api/v1/plugins", token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    Api.Response put(String path, String token, Object body) {
        return Api.send(json(path, token).PUT(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(body))));
    }

    Api.Response patch(String path, String token, Object body) {
        return Api.send(json(path, token).method("PATCH",
                HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(body))));
    }

    Api.Response delete(String path, String token) {
        return Api.send(request(path, token).DELETE());
    }

    private HttpRequest.Builder json(String path, String token) {
        return request(path, token).header("Content-Type", "application/json");
    }

    private HttpRequest.Builder request(String path, String token) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token);
    }

}
