package io.jifen.launcher;

import java.io.PrintStream;

/** What a newcomer needs after {@code up}: where things are and how to log in. */
record Summary(Settings settings, Credentials credentials, java.nio.file.Path credentialsFile, PrintStream out) {

    void print() {
        String gateway = "http://127.0.0.1:" + settings.port(Piece.SERVICES.getLast());
        out.println("Jifen is running.");
        out.println("  API gateway        " + gateway);
        out.println("  Swagger UI         " + gateway + "/swagger-ui.html");
        if (settings.isLocal(Piece.KEYCLOAK)) {
            out.println("  Keycloak admin     " + settings.keycloakUrl() + "/admin   user "
                    + credentials.keycloakAdminUser() + "   password " + credentials.keycloakAdminPassword());
            out.println("  Platform admin     realm jifen   user " + credentials.platformAdminUser() + "   password "
                    + credentials.platformAdminPassword());
        }
        out.println("  Token issuer       " + settings.issuerUri());
        out.println();
        out.println("A platform-admin token for curl:");
        out.println("  curl -s " + settings.issuerUri() + "/protocol/openid-connect/token -d grant_type=password \\");
        out.println("       -d client_id=jifen-cli -d username=" + credentials.platformAdminUser() + " -d password='"
                + credentials.platformAdminPassword() + "'");
        out.println();
        out.println("Credentials are kept in " + credentialsFile + ". ./jifen status | logs <name> | down");
    }
}
