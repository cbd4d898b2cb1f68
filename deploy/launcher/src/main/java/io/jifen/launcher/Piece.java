package io.jifen.launcher;

import java.util.List;

/**
 * One process of the local platform: its name (also of its log and PID file), default port and the env vars that
 * move it ({@code portEnv}) or replace it by an external one ({@code externalEnv}: then it is not started here).
 */
record Piece(String name, String title, int defaultPort, String portEnv, String externalEnv, String module) {

    static final Piece POSTGRES = new Piece("postgres", "PostgreSQL", 15432, "JIFEN_PG_PORT", "JIFEN_DB_URL", null);
    static final Piece REDIS = new Piece("redis", "Redis", 16379, "JIFEN_REDIS_PORT", "JIFEN_REDIS_URL", null);
    static final Piece ELASTICSEARCH = new Piece("elasticsearch", "Elasticsearch", 19200, "JIFEN_ES_PORT",
            "JIFEN_ES_URL", null);
    static final Piece KEYCLOAK = new Piece("keycloak", "Keycloak", 8180, "JIFEN_KEYCLOAK_PORT", "JIFEN_ISSUER_URI",
            null);

    static final List<Piece> INFRASTRUCTURE = List.of(POSTGRES, REDIS, ELASTICSEARCH, KEYCLOAK);

    static final List<Piece> SERVICES = List.of(
            service("tenant-service", "tenant service", 8081, "JIFEN_TENANT_PORT"),
            service("member-service", "member service", 8082, "JIFEN_MEMBER_PORT"),
            service("points-service", "points service", 8083, "JIFEN_POINTS_PORT"),
            service("campaign-service", "campaign service", 8084, "JIFEN_CAMPAIGN_PORT"),
            service("analytics-service", "analytics service", 8085, "JIFEN_ANALYTICS_PORT"),
            service("gateway", "gateway", 8080, "JIFEN_GATEWAY_PORT"));

    static final List<Piece> ALL = concat(INFRASTRUCTURE, SERVICES);

    boolean isService() {
        return module != null;
    }

    /** The executable jar a service module builds ({@code finalName} is the artifact id). */
    String jar() {
        return module + "/target/jifen-" + module + ".jar";
    }

    static Piece named(String name) {
        return ALL.stream().filter(piece -> piece.name.equals(name)).findFirst()
                .orElseThrow(() -> new LauncherException("No such process: " + name + ". Known: "
                        + String.join(", ", ALL.stream().map(Piece::name).toList())));
    }

    private static Piece service(String name, String title, int port, String portEnv) {
        return new Piece(name, title, port, portEnv, null, name);
    }

    private static List<Piece> concat(List<Piece> a, List<Piece> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
