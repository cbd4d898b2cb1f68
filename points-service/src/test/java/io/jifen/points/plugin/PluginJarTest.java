package io.jifen.points.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jifen.web.ApiException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

class PluginJarTest {

    @Test
    void shouldReadTheManifestOfAPluginJar() throws IOException {
        PluginJar jar = PluginJar.read(jar("share", "1.0", "io.example.Share"), 1_000_000);

        assertThat(jar.pluginId()).isEqualTo("share");
        assertThat(jar.requires()).isEqualTo("1.0");
        assertThat(jar.sha256()).hasSize(64);
    }

    @Test
    void shouldRefuseOversizeIncompatibleUnnamedAndChannelLessJars() throws IOException {
        byte[] valid = jar("share", "1.0", "io.example.Share");

        assertThat(code(valid, valid.length - 1)).isEqualTo("plugin_too_large");
        assertThat(code(jar("share", "2.0", "io.example.Share"), 1_000_000)).isEqualTo("plugin_incompatible");
        assertThat(code(jar("Share Plugin", "1.0", "io.example.Share"), 1_000_000))
                .isEqualTo("plugin_invalid_manifest");
        assertThat(code(jar("share", "1.0", "# only a comment"), 1_000_000)).isEqualTo("plugin_without_channels");
        assertThat(code(new byte[0], 1_000_000)).isEqualTo("plugin_invalid");
        assertThat(code(new byte[] {1, 2, 3}, 1_000_000)).isEqualTo("plugin_invalid");
    }

    @Test
    void shouldRefuseAJarThatUnpacksToFarMoreThanItsSize() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes, manifest("bomb", "1.0"))) {
            out.putNextEntry(new ZipEntry("zeros"));
            out.write(new byte[10_000_000]);
        }

        assertThatThrownBy(() -> PluginJar.read(bytes.toByteArray(), 1_000_000))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).contains("unpacks"));
    }

    private static String code(byte[] jar, long max) {
        try {
            PluginJar.read(jar, max);
            return "accepted";
        } catch (ApiException e) {
            return e.code();
        }
    }

    private static byte[] jar(String id, String requires, String index) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes, manifest(id, requires))) {
            out.putNextEntry(new ZipEntry("META-INF/extensions.idx"));
            out.write((index + "\n").getBytes());
        }
        return bytes.toByteArray();
    }

    private static Manifest manifest(String id, String requires) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Plugin-Id", id);
        manifest.getMainAttributes().putValue("Plugin-Version", "1.0.0");
        manifest.getMainAttributes().putValue("Plugin-Requires", requires);
        return manifest;
    }
}
