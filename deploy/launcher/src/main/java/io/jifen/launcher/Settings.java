package io.jifen.launcher;

import java.util.Map;
import java.util.Optional;

/** Ports and external addresses, from the environment (JIFEN_* variables) over the local defaults. */
record Settings(Map<String, String> env) {

    static Settings fromEnvironment() {
        return new Settings(System.getenv());
    }

    int port(Piece piece) {
        String value = env.get(piece.portEnv());
        if (value == null || value.isBlank()) {
            return piece.defaultPort();
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new LauncherException(piece.portEnv() + "=" + value + " is not a port number (1-65535)");
        }
    }

    /** The external address that replaces this piece, when the environment gives one. */
    Optional<String> external(Piece piece) {
        return Optional.ofNullable(piece.externalEnv()).map(env::get).filter(value -> !value.isBlank());
    }

    boolean isLocal(Piece piece) {
        return external(piece).isEmpty();
    }

    String dbUrl() {
        return external(Piece.POSTGRES).orElse("jdbc:postgresql://127.0.0.1:" + port(Piece.POSTGRES));
    }

    String dbUser() {
        return env.getOrDefault("JIFEN_DB_USER", "jifen");
    }

    String dbPassword() {
        return env.getOrDefault("JIFEN_DB_PASSWORD", "jifen");
    }

    /**
     * The role the services log in as, which reads and writes rows but owns no table (docs/adr/0019):
     * JIFEN_DB_APP_USER; else, on the local PostgreSQL, {@code jifen_app}; else (an external database) the owner.
     */
    String dbAppUser() {
        String user = env.get("JIFEN_DB_APP_USER");
        if (user != null && !user.isBlank()) {
            return user;
        }
        return isLocal(Piece.POSTGRES) ? "jifen_app" : dbUser();
    }

    String dbAppPassword() {
        return env.getOrDefault("JIFEN_DB_APP_PASSWORD", dbAppUser().equals(dbUser()) ? dbPassword() : "jifen_app");
    }

    String redisUrl() {
        return external(Piece.REDIS).orElse("redis://127.0.0.1:" + port(Piece.REDIS));
    }

    String elasticsearchUrl() {
        return external(Piece.ELASTICSEARCH).orElse("http://127.0.0.1:" + port(Piece.ELASTICSEARCH));
    }

    /** Keycloak's management interface (health, metrics): JIFEN_KEYCLOAK_MANAGEMENT_PORT, else its port + 100. */
    int keycloakManagementPort() {
        String value = env.get("JIFEN_KEYCLOAK_MANAGEMENT_PORT");
        return value == null || value.isBlank() ? port(Piece.KEYCLOAK) + 100 : Integer.parseInt(value.trim());
    }

    String keycloakUrl() {
        return "http://127.0.0.1:" + port(Piece.KEYCLOAK);
    }

    String issuerUri() {
        return external(Piece.KEYCLOAK).orElse(keycloakUrl() + "/realms/jifen");
    }

    /** What every service process gets: where the infrastructure and the other services are. */
    Map<String, String> serviceEnvironment() {
        Map<String, String> result = new java.util.LinkedHashMap<>();
        result.put("JIFEN_DB_URL", dbUrl());
        result.put("JIFEN_DB_USER", dbUser());
        result.put("JIFEN_DB_PASSWORD", dbPassword());
        result.put("JIFEN_DB_APP_USER", dbAppUser());
        result.put("JIFEN_DB_APP_PASSWORD", dbAppPassword());
        result.put("JIFEN_REDIS_URL", redisUrl());
        result.put("JIFEN_ES_URL", elasticsearchUrl());
        result.put("JIFEN_ISSUER_URI", issuerUri());
        for (Piece service : Piece.SERVICES) {
            result.put(service.portEnv(), Integer.toString(port(service)));
        }
        return result;
    }
}
