package io.jifen.launcher;

import io.jifen.infra.Elasticsearch;
import io.jifen.infra.Keycloak;
import io.jifen.infra.Proc;
import io.jifen.infra.Redis;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Is a piece answering as it should? Asked of the piece itself, never guessed from a PID alone. */
record Health(Settings settings) {

    boolean isUp(Piece piece) {
        int port = settings.port(piece);
        return switch (piece.name()) {
            case "postgres" -> postgresAnswers(port);
            case "redis" -> Redis.ping(port);
            case "elasticsearch" -> Elasticsearch.attach(port, null).isReady();
            case "keycloak" -> Keycloak.attach(port, settings.keycloakManagementPort(), null).isReady();
            default -> httpOk("http://127.0.0.1:" + port + "/actuator/health");
        };
    }

    static boolean httpOk(String url) {
        return Proc.probe(url).filter(response -> response.statusCode() == 200).isPresent();
    }

    private static boolean postgresAnswers(int port) {
        if (!Proc.portOpen(port)) {
            return false;
        }
        try (var connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                "postgres", "")) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }
}
