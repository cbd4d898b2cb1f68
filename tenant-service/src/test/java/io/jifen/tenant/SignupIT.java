package io.jifen.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.jifen.tenant.keycloak.IdentityProvider;
import io.jifen.tenant.signup.AbandonedSignups;
import io.jifen.testsupport.TestHttp;
import io.jifen.testsupport.TestInfra;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

class SignupIT extends TenantServiceTestBase {

    @Autowired
    IdentityProvider identity;

    @Autowired
    AbandonedSignups abandonedSignups;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void shouldSignUpATenantWhoseApiClientGetsATenantScopedTokenForItsOwnTenant() {
        String slug = uniqueSlug("happy");

        TestHttp.Response response = api.post("/api/v1/tenants", null, signupBody(slug));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.header("Location")).isEqualTo("/api/v1/tenants/me");
        JsonNode body = response.json();
        String id = body.get("id").asString();
        assertThat(body.get("slug").asString()).isEqualTo(slug);
        assertThat(body.get("status").asString()).isEqualTo("active");
        assertThat(body.get("plan").asString()).isEqualTo("free");
        assertThat(body.get("tokenUrl").asString()).isEqualTo(TestInfra.keycloak().tokenEndpoint());
        String token = tokenOf(body.get("apiClient").get("clientId").asString(),
                body.get("apiClient").get("clientSecret").asString());
        JsonNode claims = claims(token);
        assertThat(claims.get("tenant_id").asString()).isEqualTo(id);
        assertThat(claims.get("aud").toString()).contains("\"jifen-api\"");
        assertThat(claims.get("roles").toString()).contains("\"tenant-admin\"");

        TestHttp.Response me = api.get("/api/v1/tenants/me", token);
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.json().get("id").asString()).isEqualTo(id);
        assertThat(me.json().get("currency").asString()).isEqualTo("CNY");
        assertThat(me.json().get("timezone").asString()).isEqualTo("Asia/Shanghai");
        assertThat(me.json().get("locale").asString()).isEqualTo("zh-CN");
        assertThat(jdbc.queryForObject("select count(*) from outbox_event where type = 'tenant.registered' and tenant_id = ?::uuid",
                Long.class, id)).isEqualTo(1);
    }

    @Test
    void shouldLetTheTenantAdminLogInThroughTheCliWithATokenForItsTenant() {
        Signup tenant = signUp("login");

        String token = TestInfra.accessToken(tenant.email(), PASSWORD);

        assertThat(claims(token).get("tenant_id").asString()).isEqualTo(tenant.id());
        TestHttp.Response me = api.get("/api/v1/tenants/me", token);
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.json().get("slug").asString()).isEqualTo(tenant.slug());
    }

    @Test
    void shouldKeepTheSettingsGivenAtSignup() {
        String slug = uniqueSlug("settings");
        Map<String, Object> body = signupBody(slug);
        body.putAll(Map.of("currency", "EUR", "timezone", "Europe/Berlin", "locale", "de-DE"));

        TestHttp.Response response = api.post("/api/v1/tenants", null, body);

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode apiClient = response.json().get("apiClient");
        JsonNode me = api.get("/api/v1/tenants/me",
                tokenOf(apiClient.get("clientId").asString(), apiClient.get("clientSecret").asString())).json();
        assertThat(me.get("currency").asString()).isEqualTo("EUR");
        assertThat(me.get("timezone").asString()).isEqualTo("Europe/Berlin");
        assertThat(me.get("locale").asString()).isEqualTo("de-DE");
    }

    @Test
    void shouldRefuseATakenSlugWithoutCreatingAnythingInKeycloak() {
        Signup first = signUp("dup");
        Map<String, Object> again = signupBody(first.slug());
        again.put("adminEmail", "someone-else@" + first.slug() + ".example.org");

        TestHttp.Response response = api.post("/api/v1/tenants", null, again);

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().get("code").asString()).isEqualTo("slug_taken");
        assertThat(KeycloakProbe.usersNamed("someone-else@" + first.slug() + ".example.org")).isZero();
        assertThat(KeycloakProbe.clientsOf(first.slug())).containsExactly(first.clientId());
    }

    @Test
    void shouldRefuseAnAdminEmailAlreadyUsedByAnotherTenant() {
        Signup first = signUp("mail");
        String slug = uniqueSlug("mail");
        Map<String, Object> body = signupBody(slug);
        body.put("adminEmail", first.email().toUpperCase());

        TestHttp.Response response = api.post("/api/v1/tenants", null, body);

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().get("code").asString()).isEqualTo("email_taken");
        assertThat(KeycloakProbe.clientsOf(slug)).isEmpty();
        assertThat(rowsWithSlug(slug)).isZero();
    }

    @Test
    void shouldListEveryBadFieldAtOnceAndCreateNothing() {
        String slug = "-Bad_Slug";
        Map<String, Object> body = Map.of("name", " ", "slug", slug, "adminEmail", "not-an-email",
                "adminPassword", "short1", "currency", "XYZ", "timezone", "Mars/Olympus", "locale", "xx-YY-!!");

        TestHttp.Response response = api.post("/api/v1/tenants", null, body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("code").asString()).isEqualTo("validation_failed");
        assertThat(fields(response)).containsExactlyInAnyOrder("adminEmail", "adminPassword", "currency", "locale",
                "name", "slug", "timezone");
        assertThat(KeycloakProbe.usersNamed("not-an-email")).isZero();
        assertThat(rowsWithSlug(slug)).isZero();
    }

    @Test
    void shouldRefuseAPasswordThatContainsTheSlugOrTheEmailName() {
        String slug = uniqueSlug("weak");
        Map<String, Object> withSlug = signupBody(slug);
        withSlug.put("adminPassword", "x1" + slug + "x1");
        Map<String, Object> withEmail = signupBody(slug);
        withEmail.put("adminPassword", "Owner12345678");
        Map<String, Object> noDigits = signupBody(slug);
        noDigits.put("adminPassword", "onlyletterslongenough");

        for (Map<String, Object> body : List.of(withSlug, withEmail, noDigits)) {
            TestHttp.Response response = api.post("/api/v1/tenants", null, body);
            assertThat(response.status()).as(body.get("adminPassword").toString()).isEqualTo(400);
            assertThat(fields(response)).containsExactly("adminPassword");
        }
        assertThat(KeycloakProbe.usersNamed("owner@" + slug + ".example.com")).isZero();
        assertThat(rowsWithSlug(slug)).isZero();
    }

    @Test
    void shouldRefuseUnknownFieldsSoNobodyPicksTheirOwnPlanOrStatus() {
        String slug = uniqueSlug("mass");
        Map<String, Object> body = signupBody(slug);
        body.put("plan", "enterprise");

        TestHttp.Response response = api.post("/api/v1/tenants", null, body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("code").asString()).isEqualTo("unknown_field");
        assertThat(rowsWithSlug(slug)).isZero();
    }

    @Test
    void shouldUndoEverythingWhenProvisioningFailsHalfWay() {
        String slug = uniqueSlug("half");
        // The admin user gets created, then the client cannot be: its id is taken by a client that is not ours.
        KeycloakProbe.createClient(slug + "-api");

        TestHttp.Response response = api.post("/api/v1/tenants", null, signupBody(slug));

        assertThat(response.status()).as(response.toString()).isEqualTo(502);
        assertThat(response.json().get("code").asString()).isEqualTo("provisioning_failed");
        assertThat(KeycloakProbe.usersNamed("owner@" + slug + ".example.com")).isZero();
        assertThat(KeycloakProbe.clientsOf(slug)).containsExactly(slug + "-api"); // the foreign one, untouched
        assertThat(rowsWithSlug(slug)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from outbox_event o where o.payload ->> 'slug' = ?", Long.class,
                slug)).isZero();
    }

    @Test
    void shouldClearASignupAbandonedHalfWayAndFreeItsSlugAndEmail() {
        String slug = uniqueSlug("crashed");
        String email = "owner@" + slug + ".example.com";
        UUID id = UUID.randomUUID();
        // What a process that died after the Keycloak calls leaves: an old provisioning row, a user and a client.
        jdbc.update("""
                insert into tenant (id, slug, name, admin_email, status, plan_code, created_at, updated_at)
                values (?, ?, 'Crashed', ?, 'provisioning', 'free', now() - interval '1 hour', now() - interval '1 hour')""",
                id, slug, email);
        identity.createTenantAdmin(id, slug, email, PASSWORD);
        identity.createApiClient(id, slug + "-api", "Default API client", "tenant-admin");
        String youngSlug = uniqueSlug("young");
        jdbc.update("""
                insert into tenant (id, slug, name, admin_email, status, plan_code, created_at, updated_at)
                values (?, ?, 'Still signing up', ?, 'provisioning', 'free', now(), now())""",
                UUID.randomUUID(), youngSlug, "owner@" + youngSlug + ".example.com");

        assertThat(abandonedSignups.clear()).isGreaterThanOrEqualTo(1);

        assertThat(rowsWithSlug(slug)).isZero();
        assertThat(rowsWithSlug(youngSlug)).isOne();
        assertThat(KeycloakProbe.usersNamed(email)).isZero();
        assertThat(KeycloakProbe.clientsOf(slug)).isEmpty();
        TestHttp.Response again = api.post("/api/v1/tenants", null, signupBody(slug));
        assertThat(again.status()).as(again.toString()).isEqualTo(201);
    }

    @Test
    void shouldBeCallableWithoutATokenButOnlyForSignup() {
        assertThat(api.get("/api/v1/tenants/me", null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/admin/tenants", null).status()).isEqualTo(401);
    }

    private long rowsWithSlug(String slug) {
        return jdbc.queryForObject("select count(*) from tenant where slug = ?", Long.class, slug);
    }

    private static List<String> fields(TestHttp.Response response) {
        List<String> fields = new ArrayList<>();
        response.json().get("errors").forEach(error -> fields.add(error.get("field").asString()));
        return fields;
    }
}
