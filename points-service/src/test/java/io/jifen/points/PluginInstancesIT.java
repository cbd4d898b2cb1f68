package io.jifen.points;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;

/** What plugins do across instances of the service, and the plan's plugin quota. */
class PluginInstancesIT extends PluginsTestBase {

    @Autowired
    Environment environment;

    @Autowired
    StringRedisTemplate redis;

    @Test
    void shouldLoadStoredPluginsInAnotherInstanceAtStartAndNewOnesOnFirstUse(@TempDir Path directory)
            throws IOException {
        install("jifen-checkin-plugin");
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        enabled(tenant, "checkin", "checkin", Map.of());

        try (ConfigurableApplicationContext second = secondInstance(directory)) {
            List<String> loadedAtStart = jars(directory);
            Api other = new Api(((WebServerApplicationContext) second).getWebServer().getPort());
            install("jifen-survey-plugin");
            enabled(tenant, "survey", "survey", Map.of("points", 30));

            Api.Response checkin = other.post("/api/v1/channels/checkin/events", tenant.adminToken(), null,
                    Map.of("memberId", member.toString(), "eventId", "c-1", "attributes", Map.of()));
            Api.Response survey = other.post("/api/v1/channels/survey/events", tenant.adminToken(), null,
                    Map.of("memberId", member.toString(), "eventId", "s-1",
                            "attributes", Map.of("surveyId", "nps", "answered", 3)));

            assertThat(loadedAtStart).anyMatch(jar -> jar.startsWith("checkin-"));
            assertThat(loadedAtStart).noneMatch(jar -> jar.startsWith("survey-"));
            assertThat(checkin.status()).as(checkin.toString()).isEqualTo(201);
            assertThat(survey.status()).as(survey.toString()).isEqualTo(201);
            assertThat(jars(directory)).anyMatch(jar -> jar.startsWith("survey-"));
        }
        assertThat(balance(tenant, member)).isEqualTo(10 + 30);
    }

    @Test
    void shouldRefuseChannelsOfMorePluginsThanThePlanAllows() {
        install("jifen-checkin-plugin");
        install("jifen-social-share-plugin");
        install("jifen-misbehaving-plugin");
        Tenant tenant = newTenant();
        redis.opsForHash().put("t:{" + tenant.id() + "}:state", "maxPlugins", "1");

        Api.Response first = enable(tenant, "test-misbehaving", "test-nonsense", Map.of());
        Api.Response samePlugin = enable(tenant, "test-misbehaving", "test-throw", Map.of());
        Api.Response secondPlugin = enable(tenant, "social-share", "social-share", Map.of());

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(samePlugin.status()).as(samePlugin.toString()).isEqualTo(200);
        assertThat(secondPlugin.status()).as(secondPlugin.toString()).isEqualTo(403);
        assertThat(secondPlugin.code()).isEqualTo("quota_exceeded");
        assertThat(jdbc.queryForObject("select count(*) from channel_enablement where tenant_id = ?"
                + " and plugin_id = 'social-share'", Long.class, tenant.id())).isZero();
    }

    @Test
    void shouldAwardSharesOncePerLinkThroughTheUploadedSocialSharePlugin() {
        install("jifen-social-share-plugin");
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        enabled(tenant, "social-share", "social-share", Map.of("pointsPerShare", 4));

        Api.Response shared = event(tenant, "social-share", member, Map.of("url", "https://shop.example/a"));
        Api.Response again = event(tenant, "social-share", member, Map.of("url", "https://SHOP.example/a/"));

        assertThat(shared.status()).as(shared.toString()).isEqualTo(201);
        assertThat(again.code()).isEqualTo("event_rejected");
        assertThat(again.json().path("reason").asString()).isEqualTo("this link was already shared");
        assertThat(balance(tenant, member)).isEqualTo(4);
    }

    private ConfigurableApplicationContext secondInstance(Path directory) {
        // Command-line arguments: they win over application.yml, as the test's dynamic properties do.
        List<String> arguments = new java.util.ArrayList<>();
        for (String name : List.of("spring.datasource.url", "spring.datasource.username",
                "spring.datasource.password", "spring.flyway.user", "spring.flyway.password",
                "spring.data.redis.url",
                "spring.security.oauth2.resourceserver.jwt.issuer-uri", "jifen.points.member-service.url")) {
            arguments.add("--" + name + "=" + environment.getRequiredProperty(name));
        }
        arguments.add("--server.port=0");
        arguments.add("--jifen.points.plugins.directory=" + directory);
        return new SpringApplicationBuilder(PointsApplication.class).run(arguments.toArray(String[]::new));
    }

    private static List<String> jars(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).toList();
        }
    }
}
