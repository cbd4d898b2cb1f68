package io.jifen.points;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Jifen's own earning channels (plugin jifen-core) on the plugin host's path: listed, fixed, checked, tagged. */
class BuiltInChannelsIT extends PluginsTestBase {

    private static final List<String> BUILT_INS = List.of("birthday", "custom", "profile-completed", "purchase",
            "referral", "registration");
    /** jifen.points.channels.max-points-per-event as application.yml sets it. */
    private static final long CAP = 1_000_000_000L;

    @Test
    void shouldListTheBuiltInChannelsAsAnInstalledPluginAndAsEveryTenantsChannelsAlwaysOn() {
        Tenant tenant = newTenant();

        Api.Response plugins = api.get("/api/v1/plugins", platformAdmin());
        Api.Response channels = api.get("/api/v1/channels", tenant.adminToken());
        Api.Response enablement = api.get(enablementPath("jifen-core", "purchase"), tenant.adminToken());

        assertThat(plugins.status()).as(plugins.toString()).isEqualTo(200);
        JsonNode core = plugins.json().path("items").get(0);
        assertThat(core.path("pluginId").asString()).isEqualTo("jifen-core");
        assertThat(core.path("builtIn").asBoolean()).isTrue();
        assertThat(core.path("enabled").asBoolean()).isTrue();
        assertThat(core.path("channels").findValuesAsString("channelId")).containsExactlyElementsOf(BUILT_INS);
        assertThat(core.path("channels").get(0).path("configSchema").path("type").asString()).isEqualTo("object");
        List<String> builtInChannels = new ArrayList<>();
        for (JsonNode channel : channels.json().path("items")) {
            if (channel.path("pluginId").asString().equals("jifen-core")) {
                assertThat(channel.path("enabled").asBoolean()).as(channel.toString()).isTrue();
                assertThat(channel.path("builtIn").asBoolean()).isTrue();
                assertThat(channel.path("maxPointsPerEvent").asLong()).isEqualTo(CAP);
                builtInChannels.add(channel.path("channelId").asString());
            }
        }
        assertThat(builtInChannels).containsExactlyElementsOf(BUILT_INS);
        assertThat(enablement.status()).as(enablement.toString()).isEqualTo(200);
        assertThat(enablement.json().path("enabled").asBoolean()).isTrue();
    }

    @Test
    void shouldRefuseToDisableOrRemoveTheBuiltInChannelsAndKeepEarningThroughThem() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);

        Api.Response disabled = http.patch("/api/v1/plugins/jifen-core", platformAdmin(), Map.of("enabled", false));
        Api.Response removed = http.delete("/api/v1/plugins/jifen-core", platformAdmin());
        Api.Response enabled = http.patch("/api/v1/plugins/jifen-core", platformAdmin(), Map.of("enabled", true));
        Api.Response switchedOff = http.put(enablementPath("jifen-core", "purchase"), tenant.adminToken(),
                Map.of("enabled", false, "config", Map.of()));
        Api.Response unknown = api.get(enablementPath("jifen-core", "lottery"), tenant.adminToken());
        Api.Response throughPluginEvents = event(tenant, "purchase", member, Map.of("amount", "10.00"));
        Api.Response purchase = recordPurchase(tenant, member, "o-1", "12.00");

        assertThat(disabled.status()).as(disabled.toString()).isEqualTo(409);
        assertThat(disabled.code()).isEqualTo("plugin_built_in");
        assertThat(removed.status()).as(removed.toString()).isEqualTo(409);
        assertThat(removed.code()).isEqualTo("plugin_built_in");
        assertThat(enabled.status()).as(enabled.toString()).isEqualTo(200);
        assertThat(switchedOff.status()).as(switchedOff.toString()).isEqualTo(409);
        assertThat(switchedOff.code()).isEqualTo("channel_built_in");
        assertThat(unknown.code()).isEqualTo("channel_not_found");
        // Built-ins take their events from their own endpoints, not from a plugin channel's.
        assertThat(throughPluginEvents.status()).as(throughPluginEvents.toString()).isEqualTo(404);
        assertThat(purchase.status()).as(purchase.toString()).isEqualTo(201);
        assertThat(purchase.longAt("pointsAwarded")).isEqualTo(12);
    }

    @Test
    void shouldRefuseAnUploadThatClaimsTheBuiltInPluginId() throws IOException {
        Api.Response response = http.upload(platformAdmin(), "core.jar", pluginJar("jifen-core"));

        assertThat(response.status()).as(response.toString()).isEqualTo(409);
        assertThat(response.code()).isEqualTo("plugin_exists");
        assertThat(jdbc.queryForObject("select count(*) from plugin where plugin_id = 'jifen-core'", Long.class))
                .isZero();
    }

    @Test
    void shouldCutAPurchaseProposalAboveTheBuiltInCapAsTheHostsCheckSaysAndShowTheCut() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        createRule(tenant, EarningRulesTestBase.spendRule("whale", 1_000_000, "1.00"));
        Map<String, Object> body = Map.of("amount", new BigDecimal("1500.00"), "currency", "EUR");

        Api.Response simulated = api.post("/api/v1/earning-rules/simulate", tenant.adminToken(), null, body);
        Api.Response recorded = recordPurchase(tenant, member, "big-1", "1500.00");

        // default: 1,500; whale: 1.5e9, cut to what the cap leaves after the earlier award.
        long whale = CAP - 1500;
        for (Api.Response response : List.of(simulated, recorded)) {
            assertThat(response.status()).as(response.toString()).isIn(200, 201);
            assertThat(response.longAt("pointsAwarded")).isEqualTo(CAP);
            JsonNode awards = response.json().path("awards");
            assertThat(awards.get(0).path("rule").asString()).isEqualTo("default");
            assertThat(awards.get(0).path("points").asLong()).isEqualTo(1500);
            assertThat(awards.get(0).has("capped")).isFalse();
            assertThat(awards.get(1).path("rule").asString()).isEqualTo("whale");
            assertThat(awards.get(1).path("points").asLong()).isEqualTo(whale);
            assertThat(awards.get(1).path("capped").asLong()).isEqualTo(1_500_000_000L - whale);
        }
        assertThat(balance(tenant, member)).isEqualTo(CAP);
    }

    @Test
    void shouldTagEveryEarnWithTheChannelThatProposedItAndKeepTheEntriesReason() {
        install("jifen-checkin-plugin");
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        createRule(tenant, EarningRulesTestBase.eventRule("review-bonus", "custom:review", 15));
        enabled(tenant, "checkin", "checkin", Map.of("pointsPerDay", 10, "streakBonusDays", 7,
                "streakBonusPoints", 50));

        Api.Response purchase = recordPurchase(tenant, member, "o-7", "20.00");
        Api.Response custom = api.post("/api/v1/events", tenant.adminToken(), key(), Map.of("type", "review",
                "memberId", member.toString(), "eventId", "review-1"));
        Api.Response checkin = event(tenant, "checkin", member, "checkin-1", Map.of());
        Api.Response entries = api.get("/api/v1/members/" + member + "/points/entries", tenant.adminToken());

        assertThat(List.of(purchase.status(), custom.status(), checkin.status())).containsOnly(201);
        assertThat(jdbc.queryForList("""
                select e.reason || ' ' || o.plugin_id || '/' || o.channel_id || ' ' || o.event_id
                from ledger_entry e join ledger_entry_origin o on o.tenant_id = e.tenant_id and o.entry_id = e.id
                where e.tenant_id = ? order by e.created_at""", String.class, tenant.id()))
                .containsExactly("purchase jifen-core/purchase o-7", "rule jifen-core/custom custom:review-1",
                        "plugin checkin/checkin checkin-1");
        assertThat(entries.json().path("items").findValuesAsString("reason"))
                .containsExactly("plugin", "rule", "purchase");
    }

    private void createRule(Tenant tenant, Map<String, Object> rule) {
        Api.Response response = api.post("/api/v1/earning-rules", tenant.adminToken(), null, rule);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
    }

    /** A jar that passes the manifest and index checks (its indexed class does not exist: it is never loaded). */
    private static byte[] pluginJar(String pluginId) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Plugin-Id", pluginId);
        manifest.getMainAttributes().putValue("Plugin-Version", "1.0.0");
        manifest.getMainAttributes().putValue("Plugin-Requires", "1.0");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
            out.putNextEntry(new ZipEntry("META-INF/extensions.idx"));
            out.write("com.example.Channel\n".getBytes());
        }
        return bytes.toByteArray();
    }
}
