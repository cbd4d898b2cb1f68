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

/**
 * A service's unpacked form and its AOT cache follow the built jar, the JDK and the JVM options (ADR 0018), and are
 * kept per machine, not per checkout (ADR 0021).
 */
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
        scratch.toFile().setExecutable(true, false); // else, as root, Layout puts the state in /var/lib/jifen
        builtJar = scratch.resolve("repo").resolve(GATEWAY.jar());
        Files.createDirectories(builtJar.getParent());
        Files.copy(REPO.resolve(GATEWAY.jar()), builtJar);
        layout = Layout.of(scratch.resolve("repo"), scratch.resolve("home"), scratch.resolve("cache"), null);
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
    void shouldUnpackTheChangedJarAfreshAndFindTheOldBuildsCacheWhenItComesBack() throws IOException {
        Apps apps = unpackedAndTrained();
        Path trained = apps.dir(GATEWAY);

        Files.copy(REPO.resolve(Piece.named("campaign-service").jar()), builtJar, StandardCopyOption.REPLACE_EXISTING);

        assertThat(apps.isCurrent(GATEWAY)).isFalse();
        assertThat(apps.trainedCache(GATEWAY)).isEmpty();
        assertThat(apps.command(GATEWAY)).noneMatch(argument -> argument.startsWith("-XX:AOTCache"));
        assertThat(apps.dir(GATEWAY)).isNotEqualTo(trained);
        assertThat(apps.cache(GATEWAY)).doesNotExist();
        assertThat(apps.isCurrent(GATEWAY)).isTrue();
        assertThat(apps.dir(GATEWAY).resolve("app/lib")).isDirectoryContaining(path -> path.getFileName().toString()
                .startsWith("jifen-events"));

        Files.copy(REPO.resolve(GATEWAY.jar()), builtJar, StandardCopyOption.REPLACE_EXISTING); // back to the old build

        assertThat(apps.dir(GATEWAY)).isEqualTo(trained);
        assertThat(apps.command(GATEWAY)).contains("-XX:AOTCache=" + trained.resolve(Apps.CACHE));
    }

    @Test
    void shouldFindTheTrainedFormFromAFreshHomeAndFromAnotherCheckout() throws IOException {
        Apps apps = unpackedAndTrained();
        Path jar = apps.jar(GATEWAY);
        FileTime unpacked = Files.getLastModifiedTime(jar);

        Layout freshHome = Layout.of(layout.repo(), scratch.resolve("home-after-rm-rf"), layout.cache(), null);
        Path otherRepo = scratch.resolve("other-checkout");
        Files.createDirectories(otherRepo.resolve(GATEWAY.jar()).getParent());
        Files.copy(builtJar, otherRepo.resolve(GATEWAY.jar()));
        Layout otherCheckout = Layout.of(otherRepo, otherRepo.resolve(".jifen"), layout.cache(), null);

        for (Layout elsewhere : java.util.List.of(freshHome, otherCheckout)) {
            Apps same = new Apps(elsewhere, OPTIONS);
            assertThat(same.trainedCache(GATEWAY)).contains(apps.cache(GATEWAY));
            assertThat(same.command(GATEWAY)).containsSubsequence("-XX:AOTCache=" + apps.cache(GATEWAY), "-jar",
                    jar.toString());
        }
        assertThat(Files.getLastModifiedTime(jar)).as("not unpacked again").isEqualTo(unpacked);
    }

    @Test
    void shouldKeepOnlyTheLastUsedFormsOfAService() throws IOException {
        Apps apps = new Apps(layout, OPTIONS);
        java.util.List<Path> forms = new java.util.ArrayList<>();
        for (int build = 0; build < Apps.KEPT + 2; build++) {
            Apps differentOptions = new Apps(layout, OPTIONS + " -Dbuild=" + build);
            differentOptions.prepare(GATEWAY);
            forms.add(differentOptions.dir(GATEWAY));
            Files.setLastModifiedTime(differentOptions.dir(GATEWAY).resolve(".used"),
                    FileTime.fromMillis(1_000_000L * (build + 1)));
        }
        Piece campaign = Piece.named("campaign-service");
        Files.createDirectories(layout.repo().resolve(campaign.jar()).getParent());
        Files.copy(REPO.resolve(campaign.jar()), layout.repo().resolve(campaign.jar()));
        apps.prepare(campaign); // another service's forms are not counted

        apps.prepare(GATEWAY);

        assertThat(layout.apps()).isDirectoryContaining(dir -> dir.equals(apps.dir(GATEWAY)));
        assertThat(forms.subList(forms.size() - (Apps.KEPT - 1), forms.size())).allMatch(Files::isDirectory);
        assertThat(forms.subList(0, forms.size() - (Apps.KEPT - 1))).noneMatch(Files::exists);
        assertThat(apps.dir(campaign)).isDirectory();
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
        Apps trained = unpackedAndTrained();

        Apps other = new Apps(layout, OPTIONS + " -XX:+UseCompactObjectHeaders");

        assertThat(other.trainedCache(GATEWAY)).isEmpty();
        other.prepare(GATEWAY);
        assertThat(other.dir(GATEWAY)).isNotEqualTo(trained.dir(GATEWAY));
        assertThat(other.cache(GATEWAY)).doesNotExist();
        assertThat(other.isCurrent(GATEWAY)).isTrue();
        assertThat(new Apps(layout, OPTIONS).trainedCache(GATEWAY)).as("still there for the first options")
                .contains(trained.cache(GATEWAY));
    }
}
