package io.jifen.points;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PluginUploadIT extends PluginsTestBase {

    @Test
    void shouldInstallAReactorBuiltPluginAndListItsChannelWithItsSchema() {
        install("jifen-checkin-plugin");

        Api.Response list = api.get("/api/v1/plugins", platformAdmin());

        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        JsonNode checkin = plugin(list, "checkin");
        assertThat(checkin.path("requires").asString()).isEqualTo("1.0");
        assertThat(checkin.path("channels").get(0).path("channelId").asString()).isEqualTo("checkin");
        assertThat(checkin.path("channels").get(0).path("configSchema").path("properties").has("pointsPerDay"))
                .isTrue();
        assertThat(jdbc.queryForObject("select length(jar) from plugin where plugin_id = 'checkin'", Integer.class))
                .isEqualTo(PluginHttp.jar("jifen-checkin-plugin").length);
    }

    @Test
    void shouldRefuseAJarBuiltForAnIncompatiblePluginApiWithTheReason() {
        Api.Response response = http.upload(platformAdmin(), "future.jar", PluginHttp.jar("jifen-incompatible-plugin"));

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("plugin_incompatible");
        assertThat(response.json().path("detail").asString()).contains("needs plugin API 2.0").contains("1.0");
        assertThat(installed("test-future")).isFalse();
    }

    @Test
    void shouldRefuseBytesThatAreNotAJar() {
        byte[] garbage = "this is not a zip file at all".getBytes();

        Api.Response response = http.upload(platformAdmin(), "broken.jar", garbage);

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("plugin_invalid");
    }

    @Test
    void shouldRefuseAJarWithoutPluginManifestOrWithoutChannels() throws IOException {
        Api.Response noManifest = http.upload(platformAdmin(), "x.jar", jar(null, false));
        Api.Response noChannels = http.upload(platformAdmin(), "y.jar", jar("empty-" + suffix(), false));
        Api.Response missingClass = http.upload(platformAdmin(), "z.jar", jar("ghost-" + suffix(), true));

        assertThat(noManifest.code()).as(noManifest.toString()).isEqualTo("plugin_invalid_manifest");
        assertThat(noChannels.code()).as(noChannels.toString()).isEqualTo("plugin_without_channels");
        // The index names a class the jar does not contain: PF4J finds no channel in it.
        assertThat(missingClass.status()).as(missingClass.toString()).isEqualTo(400);
        assertThat(missingClass.code()).isIn("plugin_without_channels", "plugin_invalid");
        assertThat(jdbc.queryForObject("select count(*) from plugin where plugin_id like 'empty-%' or plugin_id like"
                + " 'ghost-%'", Long.class)).isZero();
    }

    @Test
    void shouldLetOnlyIntegratorsAndPlatformAdminsUpload() {
        Tenant tenant = newTenant();

        Api.Response response = http.upload(tenant.adminToken(), "checkin.jar", PluginHttp.jar("jifen-checkin-plugin"));

        assertThat(response.status()).isEqualTo(403);
    }

    @Test
    void shouldLetThePlatformAdminDisableAPluginSoNoTenantCanUseItsChannels() {
        install("jifen-misbehaving-plugin");
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        enabled(tenant, "test-misbehaving", "test-nonsense", Map.of());

        Api.Response disabled = http.patch("/api/v1/plugins/test-misbehaving", platformAdmin(),
                Map.of("enabled", false));
        Api.Response whileDisabled = event(tenant, "test-nonsense", member, Map.of("answer", "fine"));
        Api.Response enabledAgain = http.patch("/api/v1/plugins/test-misbehaving", platformAdmin(),
                Map.of("enabled", true));
        Api.Response afterwards = event(tenant, "test-nonsense", member, Map.of("answer", "fine"));
        Api.Response byTenantAdmin = http.patch("/api/v1/plugins/test-misbehaving", tenant.adminToken(),
                Map.of("enabled", false));

        assertThat(disabled.json().path("enabled").asBoolean()).isFalse();
        assertThat(whileDisabled.status()).as(whileDisabled.toString()).isEqualTo(404);
        assertThat(enabledAgain.status()).isEqualTo(200);
        assertThat(afterwards.status()).as(afterwards.toString()).isEqualTo(201);
        assertThat(byTenantAdmin.status()).isEqualTo(403);
    }

    @Test
    void shouldRemoveAPluginButKeepItsIdOnTheLedgerEntriesItCaused() {
        Api.Response first = http.upload(platformAdmin(), "r.jar", PluginHttp.jar("jifen-removable-plugin"));
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        enabled(tenant, "test-removable", "test-fixed", Map.of());
        Api.Response earned = event(tenant, "test-fixed", member, Map.of());

        Api.Response removed = http.delete("/api/v1/plugins/test-removable", platformAdmin());
        Api.Response afterRemoval = event(tenant, "test-fixed", member, Map.of());
        Api.Response removedAgain = http.delete("/api/v1/plugins/test-removable", platformAdmin());
        Api.Response reinstalled = http.upload(platformAdmin(), "r.jar", PluginHttp.jar("jifen-removable-plugin"));

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(earned.status()).as(earned.toString()).isEqualTo(201);
        assertThat(removed.status()).isEqualTo(204);
        assertThat(afterRemoval.status()).isEqualTo(404);
        assertThat(removedAgain.code()).isEqualTo("plugin_not_found");
        assertThat(reinstalled.status()).as(reinstalled.toString()).isEqualTo(201);
        assertThat(jdbc.queryForObject("select plugin_id from ledger_entry_channel where tenant_id = ?",
                String.class, tenant.id())).isEqualTo("test-removable");
        assertThat(balance(tenant, member)).isEqualTo(3);
    }

    private boolean installed(String pluginId) {
        return jdbc.queryForObject("select count(*) from plugin where plugin_id = ?", Long.class, pluginId) > 0;
    }

    private static JsonNode plugin(Api.Response list, String pluginId) {
        for (JsonNode plugin : list.json().path("items")) {
            if (plugin.path("pluginId").asString().equals(pluginId)) {
                return plugin;
            }
        }
        throw new AssertionError(pluginId + " not listed in " + list);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A jar with (or without) a plugin manifest, and an extension index naming a class it lacks. */
    private static byte[] jar(String pluginId, boolean index) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (pluginId != null) {
            manifest.getMainAttributes().putValue("Plugin-Id", pluginId);
            manifest.getMainAttributes().putValue("Plugin-Version", "1.0.0");
            manifest.getMainAttributes().putValue("Plugin-Requires", "1.0");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
            out.putNextEntry(new ZipEntry(index ? "META-INF/extensions.idx" : "readme.txt"));
            out.write((index ? "com.example.Missing\n" : "hello").getBytes());
        }
        return bytes.toByteArray();
    }
}
