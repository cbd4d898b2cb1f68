package io.jifen.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Finds the infrastructure distributions that Maven resolved into the local repository.
 * The versions come from the parent pom (filtered into {@code versions.properties}).
 */
public final class Artifacts {

    private static final Properties VERSIONS = load();

    private Artifacts() {
    }

    public static String version(String name) {
        String version = VERSIONS.getProperty(name);
        if (version == null || version.isBlank()) {
            throw new IllegalStateException("No version for " + name + " in versions.properties");
        }
        return version;
    }

    /** The local Maven repository: -Dmaven.repo.local, $JIFEN_M2_REPO, the build's own, then ~/.m2/repository. */
    public static Path localRepository() {
        String configured = System.getProperty("maven.repo.local");
        if (configured == null || configured.isBlank()) {
            configured = System.getenv("JIFEN_M2_REPO");
        }
        if (configured == null || configured.isBlank()) {
            String built = VERSIONS.getProperty("localRepository", "");
            configured = built.isBlank() || built.startsWith("@") ? null : built;
        }
        if (configured == null) {
            return Path.of(System.getProperty("user.home"), ".m2", "repository");
        }
        return Path.of(configured);
    }

    public static Path file(String groupId, String artifactId, String version, String extension) {
        Path file = localRepository()
                .resolve(groupId.replace('.', '/'))
                .resolve(artifactId)
                .resolve(version)
                .resolve(artifactId + "-" + version + "." + extension);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("Missing " + groupId + ":" + artifactId + ":" + version + ":" + extension
                    + " at " + file + ". Build once with ./mvnw -DskipTests install (it downloads it from Maven Central)"
                    + " or set JIFEN_M2_REPO to the Maven repository that holds it.");
        }
        return file;
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = Artifacts.class.getResourceAsStream("versions.properties")) {
            if (in == null) {
                throw new IllegalStateException("versions.properties missing from the jifen-infra jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
