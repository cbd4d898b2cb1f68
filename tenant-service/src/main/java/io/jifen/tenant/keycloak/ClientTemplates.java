package io.jifen.tenant.keycloak;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/** The Keycloak representations a tenant is made of, shaped as docs/adr/0005 requires of its tokens. */
final class ClientTemplates {

    /** Client attribute naming the owning tenant (so an operator looking at Keycloak knows whose client it is). */
    static final String TENANT_ATTRIBUTE = "jifen.tenant_id";
    static final String AUDIENCE = "jifen-api";

    private ClientTemplates() {
    }

    /**
     * The realm's user profile requires first and last names of users; without them Keycloak refuses the password
     * grant ("account is not fully set up"). Signup asks for neither, so the slug (safe characters only) stands in.
     */
    static UserRepresentation tenantAdmin(UUID tenantId, String slug, String email, String password) {
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(password);
        credential.setTemporary(false);
        UserRepresentation user = new UserRepresentation();
        user.setUsername(email);
        user.setEmail(email);
        user.setEmailVerified(true);
        user.setFirstName("Admin");
        user.setLastName(slug);
        user.setEnabled(true);
        // jifen-cli's user-attribute mapper turns this into the token's tenant_id claim.
        user.setAttributes(Map.of("tenant_id", List.of(tenantId.toString())));
        user.setCredentials(List.of(credential));
        return user;
    }

    /** Client credentials only: no browser flow, no password grant; the service account carries the role. */
    static ClientRepresentation apiClient(UUID tenantId, String clientId, String name) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setName(name);
        client.setProtocol("openid-connect");
        client.setEnabled(true);
        client.setPublicClient(false);
        client.setClientAuthenticatorType("client-secret");
        client.setServiceAccountsEnabled(true);
        client.setStandardFlowEnabled(false);
        client.setImplicitFlowEnabled(false);
        client.setDirectAccessGrantsEnabled(false);
        client.setFullScopeAllowed(true);
        client.setAttributes(Map.of(TENANT_ATTRIBUTE, tenantId.toString()));
        client.setProtocolMappers(List.of(tenantClaim(tenantId), audience(), flatRoles()));
        return client;
    }

    private static ProtocolMapperRepresentation tenantClaim(UUID tenantId) {
        return mapper("tenant id", "oidc-hardcoded-claim-mapper", Map.of(
                "claim.name", "tenant_id",
                "claim.value", tenantId.toString(),
                "jsonType.label", "String"));
    }

    private static ProtocolMapperRepresentation audience() {
        return mapper("jifen-api audience", "oidc-audience-mapper", Map.of("included.custom.audience", AUDIENCE));
    }

    private static ProtocolMapperRepresentation flatRoles() {
        return mapper("realm roles as roles", "oidc-usermodel-realm-role-mapper", Map.of(
                "claim.name", "roles",
                "jsonType.label", "String",
                "multivalued", "true"));
    }

    private static ProtocolMapperRepresentation mapper(String name, String type, Map<String, String> config) {
        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName(name);
        mapper.setProtocol("openid-connect");
        mapper.setProtocolMapper(type);
        var all = new java.util.HashMap<>(config);
        all.put("access.token.claim", "true");
        all.put("id.token.claim", "false");
        all.put("introspection.token.claim", "true");
        mapper.setConfig(all);
        return mapper;
    }
}
