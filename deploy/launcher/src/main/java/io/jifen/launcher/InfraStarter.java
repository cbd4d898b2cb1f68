package io.jifen.launcher;

import io.jifen.infra.Elasticsearch;
import io.jifen.infra.Keycloak;
import io.jifen.infra.Postgres;
import io.jifen.infra.Redis;
import java.util.List;

/** Starts one infrastructure piece detached, with its data under {@code .jifen/}, and records its PID. */
record InfraStarter(Layout layout, Settings settings, Pids pids, Credentials credentials) {

    /** The databases the services use (each service migrates its own with Flyway). */
    static final List<String> SERVICE_DATABASES = List.of("jifen_tenant", "jifen_member", "jifen_points",
            "jifen_campaign", "jifen_analytics");

    Postgres postgres() {
        Piece piece = Piece.POSTGRES;
        int port = settings.port(piece);
        Postgres postgres = pids.running(piece)
                .map(process -> Postgres.attach(port, layout.data(piece.name()), process))
                .orElseGet(() -> {
                    Postgres started = Postgres.start(layout.dist(), layout.data(piece.name()), port,
                            layout.log(piece.name()), true, Postgres.PLATFORM_SETTINGS);
                    pids.record(piece, started.process());
                    return started;
                });
        postgres.ensureRole(settings.dbUser(), settings.dbPassword());
        // The services log in as this role; each migration, run as the owner, grants it the rows (docs/adr/0019).
        postgres.ensureRole(settings.dbAppUser(), settings.dbAppPassword());
        for (String database : SERVICE_DATABASES) {
            postgres.ensureDatabase(database, settings.dbUser());
        }
        return postgres;
    }

    void redis() {
        Piece piece = Piece.REDIS;
        Redis started = Redis.start(layout.dist(), layout.data(piece.name()), settings.port(piece),
                layout.log(piece.name()), true, true);
        pids.record(piece, started.process());
    }

    void elasticsearch() {
        Piece piece = Piece.ELASTICSEARCH;
        Elasticsearch started = Elasticsearch.start(layout.dist(), layout.data(piece.name()), settings.port(piece),
                layout.log(piece.name()), true);
        pids.record(piece, started.process());
    }

    /** Keycloak keeps its realm, users and clients in a {@code keycloak} database beside the services' ones. */
    void keycloak(Postgres postgres) {
        Piece piece = Piece.KEYCLOAK;
        Keycloak.Database database = postgres != null
                ? Keycloak.Database.on(postgres, "keycloak", "keycloak", "keycloak")
                : new Keycloak.Database(settings.env().getOrDefault("JIFEN_KEYCLOAK_DB_URL",
                        settings.dbUrl() + "/keycloak"), settings.dbUser(), settings.dbPassword());
        Keycloak started = Keycloak.start(new Keycloak.Options(layout.dist(), layout.data(piece.name()),
                settings.port(piece), settings.keycloakManagementPort(), database, layout.log(piece.name()), true,
                credentials.keycloakAdminUser(), credentials.keycloakAdminPassword(),
                credentials.platformAdminPassword()));
        pids.record(piece, started.process());
    }
}
