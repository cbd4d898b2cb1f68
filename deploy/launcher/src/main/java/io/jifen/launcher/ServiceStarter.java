package io.jifen.launcher;

import io.jifen.infra.Proc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Starts a service jar detached on the launcher's own JDK and waits until its health endpoint says UP. */
record ServiceStarter(Layout layout, Settings settings, Pids pids, Credentials credentials) {

    static void requireJars(Path repo, List<Piece> services) {
        List<String> missing = services.stream().map(Piece::jar).filter(jar -> !Files.isRegularFile(repo.resolve(jar)))
                .toList();
        if (!missing.isEmpty()) {
            throw new LauncherException("Not built: " + String.join(", ", missing)
                    + ". Run ./jifen up (it builds what is missing) or ./mvnw -DskipTests package.");
        }
    }

    /** The services' unpacked jars and AOT caches, for the JVM options they run with. */
    Apps apps() {
        return Apps.of(layout, settings);
    }

    ProcessHandle start(Piece service) {
        ProcessHandle process = Proc.start(apps().command(service), layout.repo(), environment(),
                layout.log(service.name()), true);
        pids.record(service, process);
        return process;
    }

    /** tenant-service provisions tenants in Keycloak as its master admin (given in the environment when external). */
    java.util.Map<String, String> environment() {
        java.util.Map<String, String> env = new java.util.HashMap<>(settings.serviceEnvironment());
        if (settings.isLocal(Piece.KEYCLOAK)) {
            env.put("JIFEN_KEYCLOAK_URL", settings.keycloakUrl());
            env.put("JIFEN_KEYCLOAK_ADMIN_USER", credentials.keycloakAdminUser());
            env.put("JIFEN_KEYCLOAK_ADMIN_PASSWORD", credentials.keycloakAdminPassword());
        }
        return env;
    }

    void awaitHealthy(Piece service, ProcessHandle process) {
        String health = "http://127.0.0.1:" + settings.port(service) + "/actuator/health";
        Proc.await(service.title() + " (" + health + ")", Duration.ofSeconds(240), process,
                layout.log(service.name()), () -> Health.httpOk(health));
    }
}
