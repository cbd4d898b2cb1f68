package io.jifen.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.jifen.testsupport.TestHttp;
import io.jifen.testsupport.TestIdentities;
import io.jifen.testsupport.TestInfra;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every kind of bad token is refused with 401, by the gateway and by a service called directly (each service is a
 * resource server of its own). Tokens come from the real Keycloak, then are damaged, forged or left to expire.
 */
class TokenRejectionIT {

    private static RunningPlatform platform;
    private static String valid;

    @BeforeAll
    static void platformAndAValidToken() {
        platform = RunningPlatform.get();
        valid = TestInfra.accessToken("admin", TestInfra.PLATFORM_ADMIN_PASSWORD);
        assertAccepted(valid);
    }

    @Test
    void shouldRefuseATokenWithoutSignatureAlgorithm() {
        String header = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        assertRefused(header + "." + valid.split("\\.")[1] + ".");
    }

    @Test
    void shouldRefuseATokenWhosePayloadWasTampered() {
        String[] parts = valid.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"platform-admin\"", "\"tenant-admin\"");
        assertRefused(parts[0] + "." + base64(payload) + "." + parts[2]);
    }

    @Test
    void shouldRefuseATokenSignedByAKeyTheIssuerNeverHad() throws Exception {
        String realKid = JWKSet.load(java.net.URI.create(platform.keycloak().issuerUri()
                + "/protocol/openid-connect/certs").toURL()).getKeys().getFirst().getKeyID();
        assertRefused(forge(realKid, platform.keycloak().issuerUri()));
    }

    @Test
    void shouldRefuseATokenFromAnotherIssuer() throws Exception {
        assertRefused(forge("other", "http://127.0.0.1:9/realms/jifen"));
    }

    @Test
    void shouldRefuseAGenuineTokenMeantForAnotherAudience() {
        assertRefused(clientToken(List.of(), Map.of()));
    }

    @Test
    void shouldRefuseAGenuineTokenOnceItHasExpired() {
        String token = clientToken(List.of(TestIdentities.audienceMapper()), Map.of("access.token.lifespan", "1"));
        // Resource servers allow 60 s of clock skew; the token must be refused once that has passed too.
        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> assertRefused(token));
    }

    private static void assertRefused(String token) {
        for (String base : List.of(platform.gateway(), platform.service("member"))) {
            TestHttp.Response response = new TestHttp(base).get("/api/v1/members", token);
            assertThat(response.status()).as(base + ": " + response.body()).isEqualTo(401);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        }
    }

    private static void assertAccepted(String token) {
        for (String base : List.of(platform.gateway(), platform.service("member"))) {
            TestHttp.Response response = new TestHttp(base).get("/api/v1/members", token);
            assertThat(response.status()).as(base + ": " + response.body()).isNotEqualTo(401);
        }
    }

    /** A token of a new confidential client (client credentials) with these mappers and attributes. */
    private static String clientToken(List<Map<String, Object>> mappers, Map<String, String> attributes) {
        String secret = UUID.randomUUID().toString();
        String clientId = TestIdentities.createClient(Map.of("clientId", "e2e-" + UUID.randomUUID(), "secret", secret,
                "enabled", true, "publicClient", false, "serviceAccountsEnabled", true, "standardFlowEnabled", false,
                "directAccessGrantsEnabled", false, "protocolMappers", mappers, "attributes", attributes));
        TestHttp.Response token = TestHttp.form(platform.keycloak().tokenEndpoint(), Map.of(
                "grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        return token.json().path("access_token").asString();
    }

    /** A token that looks right in every claim, signed with a key pair made here. */
    private static String forge(String kid, String issuer) throws Exception {
        var keys = KeyPairGenerator.getInstance("RSA");
        keys.initialize(2048);
        JWTClaimsSet claims = JWTClaimsSet.parse(new String(Base64.getUrlDecoder().decode(valid.split("\\.")[1]),
                StandardCharsets.UTF_8));
        claims = new JWTClaimsSet.Builder(claims).issuer(issuer).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).type(JOSEObjectType.JWT)
                .build(), claims);
        jwt.sign(new RSASSASigner(keys.generateKeyPair().getPrivate()));
        return jwt.serialize();
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
