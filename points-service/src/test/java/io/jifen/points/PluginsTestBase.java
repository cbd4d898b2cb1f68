package io.jifen.points;

import static org.assertj.core.api.Assertions.assertThat;

import io.jifen.testsupport.TestIdentities;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;

/** Uploading the reactor-built plugins and sending events to their channels, for the plugin ITs. */
abstract class PluginsTestBase extends PointsServiceTestBase {

    private static String platformAdmin;

    PluginHttp http;

    @BeforeEach
    void pluginClient() {
        http = new PluginHttp(port);
    }

    static synchronized String platformAdmin() {
        if (platformAdmin == null) {
            platformAdmin = TestIdentities.platformAdminToken();
        }
        return platformAdmin;
    }

    /** Installs a plugin once per Spring context (the ITs share one); a second install answers 409. */
    void install(String artifactId) {
        Api.Response response = http.upload(platformAdmin(), artifactId + ".jar", PluginHttp.jar(artifactId));
        assertThat(response.status()).as(response.toString()).isIn(201, 409);
        if (response.status() == 409) {
            assertThat(response.code()).isEqualTo("plugin_exists");
        }
    }

    Api.Response enable(Tenant tenant, String pluginId, String channelId, Map<String, Object> config) {
        Map<String, Object> body = new HashMap<>();
        body.put("enabled", true);
        body.put("config", config);
        return http.put(enablementPath(pluginId, channelId), tenant.adminToken(), body);
    }

    void enabled(Tenant tenant, String pluginId, String channelId, Map<String, Object> config) {
        Api.Response response = enable(tenant, pluginId, channelId, config);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    static String enablementPath(String pluginId, String channelId) {
        return "/api/v1/plugins/" + pluginId + "/channels/" + channelId + "/enablement";
    }

    /** An event without Idempotency-Key: the event id is the key. */
    Api.Response event(Tenant tenant, String channelId, UUID memberId, Map<String, Object> attributes) {
        return event(tenant, channelId, memberId, UUID.randomUUID().toString(), attributes);
    }

    Api.Response event(Tenant tenant, String channelId, UUID memberId, String eventId,
            Map<String, Object> attributes) {
        return api.post("/api/v1/channels/" + channelId + "/events", tenant.adminToken(), null,
                Map.of("memberId", memberId.toString(), "eventId", eventId, "attributes", attributes));
    }
}
