package io.jifen.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElasticsearchAndKeycloakTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path temp;

    @Test
    void shouldStartElasticsearchIndexAndSearchKeepTheIndexAcrossRestartsAndStopByPid() throws Exception {
        Dist.makeReadableByAll(temp);
        Path data = temp.resolve("es");
        int port = Proc.freePort();
        long started = System.nanoTime();
        Elasticsearch first = Elasticsearch.start(Dist.sharedCache(), data, port, temp.resolve("es.log"), false, 384);
        report("Elasticsearch (first start)", started);
        assertThat(first.isReady()).isTrue();
        assertThat(first.url()).isEqualTo("http://127.0.0.1:" + port);

        HttpResponse<String> indexed = send(HttpRequest.newBuilder(URI.create(first.url() + "/members/_doc/m-1?refresh=true"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"tenant_id\":\"t-1\",\"name\":\"Li Lei gold member\"}")));
        assertThat(indexed.statusCode()).isEqualTo(201);
        assertThat(search(first, "gold")).contains("\"_id\":\"m-1\"").contains("\"total\":{\"value\":1");

        stopAndExpectGone(first.process(), first::stop, port);

        started = System.nanoTime();
        Elasticsearch second = Elasticsearch.start(Dist.sharedCache(), data, port, temp.resolve("es.log"), false, 384);
        report("Elasticsearch (restart on its data)", started);
        try {
            assertThat(search(second, "gold")).contains("\"_id\":\"m-1\"");
        } finally {
            stopAndExpectGone(second.process(), second::stop, port);
        }
    }

    @Test
    void shouldStartKeycloakWithTheJifenRealmIssueTokensKeepItsDataAcrossRestartsAndStopByPid() throws Exception {
        Dist.makeReadableByAll(temp);
        Postgres postgres = Postgres.start(Dist.sharedCache(), Files.createDirectories(temp.resolve("pg")),
                Proc.freePort(), temp.resolve("pg.log"), false, Map.of("fsync", "off"));
        try {
            Keycloak.Database database = Keycloak.Database.on(postgres, "keycloak", "keycloak", "kc-secret");
            int port = Proc.freePort();
            int management = Proc.freePort();
            Keycloak.Options options = new Keycloak.Options(Dist.sharedCache(), temp.resolve("kc"), port, management,
                    database, temp.resolve("kc.log"), false, "bootstrap", "bootstrap-secret", "platform-secret");

            long started = System.nanoTime();
            Keycloak.distribution(Dist.sharedCache());
            report("Keycloak distribution (unpack + kc.sh build, or cached)", started);
            started = System.nanoTime();
            Keycloak first = Keycloak.start(options);
            report("Keycloak (first start: schema + realm import)", started);
            assertThat(first.isReady()).isTrue();
            assertThat(first.issuerUri()).isEqualTo("http://127.0.0.1:" + port + "/realms/jifen");

            String claims = Keycloak.claims(first.passwordGrant(Keycloak.PLATFORM_ADMIN, "platform-secret"));
            assertThat(claims).contains("\"iss\":\"" + first.issuerUri() + "\"")
                    .contains("\"azp\":\"jifen-cli\"")
                    .containsPattern("\"roles\":\\[[^\\]]*\"platform-admin\"")
                    .contains("\"preferred_username\":\"admin\"");
            assertThatThrownBy(() -> first.passwordGrant(Keycloak.PLATFORM_ADMIN, "wrong"))
                    .hasMessageContaining("401");

            // A tenant's user, created through the admin API like signup will: its tenant_id attribute becomes a claim.
            String admin = Keycloak.passwordGrant(first.url() + "/realms/master/protocol/openid-connect/token",
                    "admin-cli", "bootstrap", "bootstrap-secret");
            HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(first.url() + "/admin/realms/jifen/users"))
                    .header("Authorization", "Bearer " + admin)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"username":"staff1","email":"staff1@shop.example","firstName":"Han","lastName":"Meimei",
                             "enabled":true,"emailVerified":true,"attributes":{"tenant_id":["t-42"]},
                             "credentials":[{"type":"password","value":"staff-secret","temporary":false}]}""")));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(Keycloak.claims(first.passwordGrant("staff1", "staff-secret")))
                    .contains("\"tenant_id\":\"t-42\"")
                    .doesNotContain("platform-admin");

            stopAndExpectGone(first.process(), first::stop, port, management);

            // Same database, another platform admin password: the realm exists, so the import is skipped.
            Keycloak.Options again = new Keycloak.Options(Dist.sharedCache(), temp.resolve("kc"), port, management,
                    database, temp.resolve("kc.log"), false, "bootstrap", "bootstrap-secret", "ignored-secret");
            started = System.nanoTime();
            Keycloak second = Keycloak.start(again);
            report("Keycloak (restart on its database)", started);
            try {
                assertThat(Keycloak.claims(second.passwordGrant(Keycloak.PLATFORM_ADMIN, "platform-secret")))
                        .contains("\"iss\":\"" + second.issuerUri() + "\"");
                assertThat(Keycloak.claims(second.passwordGrant("staff1", "staff-secret"))).contains("\"tenant_id\":\"t-42\"");
                assertThat(Files.readString(temp.resolve("kc.log"))).contains("Realm 'jifen' already exists. Import skipped");
            } finally {
                stopAndExpectGone(second.process(), second::stop, port, management);
            }
        } finally {
            postgres.stop();
        }
    }

    private String search(Elasticsearch elasticsearch, String word) throws Exception {
        HttpResponse<String> found = send(HttpRequest.newBuilder(URI.create(elasticsearch.url() + "/members/_search"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"query":{"bool":{"filter":[{"term":{"tenant_id.keyword":"t-1"}}],
                                          "must":[{"match":{"name":"%s"}}]}}}""".formatted(word))));
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        return found.body();
    }

    private static void stopAndExpectGone(ProcessHandle process, Runnable stop, int... ports) {
        List<ProcessHandle> tree = java.util.stream.Stream.concat(java.util.stream.Stream.of(process),
                process.descendants()).toList();
        assertThat(tree.size()).as("server process and the JVM it wraps").isGreaterThanOrEqualTo(2);
        long started = System.nanoTime();
        stop.run();
        report("stop", started);
        assertThat(tree).allSatisfy(p -> assertThat(p.isAlive()).as("pid " + p.pid()).isFalse());
        for (int port : ports) {
            assertThat(Proc.portOpen(port)).as("port " + port).isFalse();
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void report(String what, long startedNanos) {
        System.out.printf("[timing] %s: %.1f s%n", what, (System.nanoTime() - startedNanos) / 1e9);
    }
}
