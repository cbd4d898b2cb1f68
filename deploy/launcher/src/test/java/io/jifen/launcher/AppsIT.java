package io.jifen.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.jifen.infra.Dist;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A service's unpacked form and its AOT cache follow the built jar, the JDK and the JVM options (ADR 0018). */
class AppsIT {

    private static final Path REPO = Path.of(System.getProperty("user.dir")).resolve("../..").normalize();
    private static final Piece GATEWAY = Piece.named("gateway");
    private static final String OPTIONS = "-Xmx128m -XX:+UseSerialGC";

    private Path scratch;
    private Layout layout;
    private Path builtJar;

    @BeforeEach
    void aRepoWithABuiltGatewayJar() throws IOException {
        scratch = Files.createTempDirectory("jifen-apps-it-");
        builtJar = scratch.resolve("repo").resolve(GATEWAY.jar());
        Files.createDirectories(builtJar.getParent());
        Files.copy(REPO.resolve(GATEWAY.jar()), builtJar);
        layout = Layout.of(scratch.resolve("repo"), scratch.resolve("home"), null);
    }

    /** The gateway unpacked with OPTIONS, and a file where its trained cache goes. */
    private Apps unpackedAndTrained() throws IOException {
        Apps apps = new Apps(layout, OPTIONS);
        apps.prepare(GATEWAY);
        Files.writeString(apps.cache(GATEWAY), "trained");
        return apps;
    }

    @AfterEach
    void removeIt() throws IOException {
        Dist.deleteTree(scratch);
    }

    @Test
    void shouldUnpackOnceAndRunTheUnpackedJarWithoutACacheUntilTrained() throws IOException {
        Apps apps = new Apps(layout, OPTIONS);

        Path jar = apps.prepare(GATEWAY);

        assertThat(jar).isRegularFile().isEqualTo(apps.dir(GATEWAY).resolve("app/jifen-gateway.jar"));
        assertThat(apps.dir(GATEWAY).resolve("app/lib")).isDirectory();
        assertThat(apps.isCurrent(GATEWAY)).isTrue();
        assertThat(apps.command(GATEWAY)).containsSubsequence("-Xmx128m", "-XX:+UseSerialGC", "-jar", jar.toString())
                .noneMatch(argument -> argument.startsWith("-XX:AOTCache"));

        FileTime unpacked = Files.getLastModifiedTime(jar);
        Files.writeString(apps.cache(GATEWAY), "trained");
        assertThat(apps.prepare(GATEWAY)).isEqualTo(jar);
        assertThat(Files.getLastModifiedTime(jar)).as("not unpacked again").isEqualTo(unpacked);
        assertThat(apps.command(GATEWAY)).contains("-XX:AOTCache=" + apps.cache(GATEWAY));
    }

    @Test
    void shouldKeepTheCacheWhenTheJarIsRebuiltWithTheSameBytes() throws IOException {
        Apps apps = unpackedAndTrained();

        Files.copy(REPO.resolve(GATEWAY.jar()), builtJar, StandardCopyOption.REPLACE_EXISTING); // rewritten, same bytes

        assertThat(apps.isCurrent(GATEWAY)).isTrue();
        assertThat(apps.command(GATEWAY)).contains("-XX:AOTCache=" + apps.cache(GATEWAY));
    }

    @Test
    void shouldUnpackAgainAndDropTheCacheWhenTheJarChanges() throws IOException {
        Apps apps = unpackedAndTrained();

        Files.copy(REPO.resolve(Piece.named("campaign-service").jar()), builtJar, StandardCopyOption.REPLACE_EXISTING);

        assertThat(apps.isCurrent(GATEWAY)).isFalse();
        assertThat(apps.trainedCache(GATEWAY)).isEmpty();
        assertThat(apps.command(GATEWAY)).noneMatch(argument -> argument.startsWith("-XX:AOTCache"));
        assertThat(apps.cache(GATEWAY)).doesNotExist();
        assertThat(apps.isCurrent(GATEWAY)).isTrue();
        assertThat(apps.dir(GATEWAY).resolve("app/lib")).isDirectoryContaining(path -> path.getFileName().toString()
                .startsWith("jifen-events"));
    }

    @Test
    void shouldSeeAChangeThatKeepsTheJarsSizeAndModificationTime() throws IOException {
        Apps apps = new Apps(layout, OPTIONS);
        apps.prepare(GATEWAY);
        FileTime modified = Files.getLastModifiedTime(builtJar);

        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(builtJar.toFile(), "rw")) {
            file.seek(file.length() / 2);
            int old = file.read();
            file.seek(file.length() / 2);
            file.write(old ^ 0xff);
        }
        Files.setLastModifiedTime(builtJar, modified);

        assertThat(apps.isCurrent(GATEWAY)).isFalse();
    }

    @Test
    void shouldNotUseACacheTrainedWithOtherJvmOptions() throws IOException {
        unpackedAndTrained();

        Apps other = new Apps(layout, OPTIONS + " -XX:+UseCompactObjectHeaders");

        assertThat(other.trainedCache(GATEWAY)).isEmpty();
        other.prepare(GATEWAY);
        assertThat(other.cache(GATEWAY)).doesNotExist();
        assertThat(other.isCurrent(GATEWAY)).isTrue();
        assertThat(new Apps(layout, OPTIONS).isCurrent(GATEWAY)).isFalse();
    }
}
