package io.jifen.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void shouldUseTheLocalDefaultsWhenTheEnvironmentSaysNothing() {
        Settings settings = new Settings(Map.of());

        assertThat(settings.port(Piece.POSTGRES)).isEqualTo(15432);
        assertThat(settings.isLocal(Piece.KEYCLOAK)).isTrue();
        assertThat(settings.serviceEnvironment())
                .containsEntry("JIFEN_DB_URL", "jdbc:postgresql://127.0.0.1:15432")
                .containsEntry("JIFEN_REDIS_URL", "redis://127.0.0.1:16379")
                .containsEntry("JIFEN_ES_URL", "http://127.0.0.1:19200")
                .containsEntry("JIFEN_ISSUER_URI", "http://127.0.0.1:8180/realms/jifen")
                .containsEntry("JIFEN_GATEWAY_PORT", "8080");
    }

    @Test
    void shouldMoveAPieceToTheGivenPortAndTellTheServices() {
        Settings settings = new Settings(Map.of("JIFEN_PG_PORT", "25432", "JIFEN_POINTS_PORT", "9083"));

        assertThat(settings.port(Piece.POSTGRES)).isEqualTo(25432);
        assertThat(settings.serviceEnvironment())
                .containsEntry("JIFEN_DB_URL", "jdbc:postgresql://127.0.0.1:25432")
                .containsEntry("JIFEN_POINTS_PORT", "9083");
    }

    @Test
    void shouldNotStartAPieceThatTheEnvironmentPointsElsewhere() {
        Settings settings = new Settings(Map.of("JIFEN_REDIS_URL", "redis://cache.internal:6379",
                "JIFEN_ISSUER_URI", "https://sso.example.com/realms/jifen"));

        assertThat(settings.isLocal(Piece.REDIS)).isFalse();
        assertThat(settings.isLocal(Piece.KEYCLOAK)).isFalse();
        assertThat(settings.isLocal(Piece.POSTGRES)).isTrue();
        assertThat(settings.serviceEnvironment())
                .containsEntry("JIFEN_REDIS_URL", "redis://cache.internal:6379")
                .containsEntry("JIFEN_ISSUER_URI", "https://sso.example.com/realms/jifen");
    }

    @Test
    void shouldLogTheServicesInAsARoleOtherThanTheOwnerOfTheirTables() {
        assertThat(new Settings(Map.of()).serviceEnvironment())
                .containsEntry("JIFEN_DB_USER", "jifen")
                .containsEntry("JIFEN_DB_APP_USER", "jifen_app");
        assertThat(new Settings(Map.of("JIFEN_DB_APP_USER", "loyalty_rw", "JIFEN_DB_APP_PASSWORD", "s3cret"))
                .serviceEnvironment())
                .containsEntry("JIFEN_DB_APP_USER", "loyalty_rw")
                .containsEntry("JIFEN_DB_APP_PASSWORD", "s3cret");
        // An external database without an app role of its own: the services log in as the owner given.
        assertThat(new Settings(Map.of("JIFEN_DB_URL", "jdbc:postgresql://db.internal:5432", "JIFEN_DB_USER",
                "loyalty", "JIFEN_DB_PASSWORD", "pw")).serviceEnvironment())
                .containsEntry("JIFEN_DB_APP_USER", "loyalty")
                .containsEntry("JIFEN_DB_APP_PASSWORD", "pw");
    }

    @Test
    void shouldRefuseAPortThatIsNotANumberNamingTheVariable() {
        Settings settings = new Settings(Map.of("JIFEN_ES_PORT", "nine"));

        assertThatThrownBy(() -> settings.port(Piece.ELASTICSEARCH))
                .isInstanceOf(LauncherException.class)
                .hasMessageContaining("JIFEN_ES_PORT=nine");
    }

    @Test
    void shouldFindEveryProcessByNameAndRefuseAnUnknownOne() {
        assertThat(Piece.named("points-service").jar()).isEqualTo("points-service/target/jifen-points-service.jar");
        assertThat(Piece.named("gateway").jar()).isEqualTo("gateway/target/jifen-gateway.jar");
        assertThatThrownBy(() -> Piece.named("mysql")).hasMessageContaining("Known: postgres, redis");
    }
}
