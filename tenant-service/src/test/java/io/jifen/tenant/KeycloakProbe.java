package io.jifen.tenant;

import io.jifen.testsupport.TestInfra;
import java.util.List;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;

/** Looks into the test Keycloak's {@code jifen} realm, as its master admin, to check what the service did there. */
final class KeycloakProbe {

    private static Keycloak admin;

    private KeycloakProbe() {
    }

    static synchronized RealmResource realm() {
        if (admin == null) {
            admin = Keycloak.getInstance(TestInfra.keycloak().url(), "master", TestInfra.KEYCLOAK_ADMIN,
                    TestInfra.KEYCLOAK_ADMIN_PASSWORD, "admin-cli");
        }
        return admin.realm("jifen");
    }

    static int usersNamed(String username) {
        return realm().users().searchByUsername(username, true).size();
    }

    static int clientsWithId(String clientId) {
        return realm().clients().findByClientId(clientId).size();
    }

    /** Clients whose id starts with the slug: everything a signup of that slug could have left behind. */
    static List<String> clientsOf(String slug) {
        return realm().clients().findAll().stream().map(ClientRepresentation::getClientId)
                .filter(id -> id.startsWith(slug + "-")).toList();
    }

    static void createClient(String clientId) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setPublicClient(true);
        realm().clients().create(client).close();
    }
}
