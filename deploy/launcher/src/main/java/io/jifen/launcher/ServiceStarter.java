package io.jifen.launcher;

import io.jifen.infra.Proc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Starts a service jar detached on the launcher's own JDK and waits until its health endpoint says UP. */
record ServiceStarter(Layout layout, Settings settings, Pids pids, Credentials credentials) {

    /**
     * Small heaps: six services share a 2-core machine with the infrastructure (JIFEN_JAVA_OPTS overrides). A
     * service's classes take 80–120 MiB of metaspace; from the default 21 MiB threshold, each step of its growth
     * (the first requests of each kind, long after start) cost a full collection, about 0.4 s stopped on two busy
     * cores. Starting the threshold at 160 MiB commits nothing more: it only moves where the collector looks.
     */
    private static final String DEFAULT_JAVA_OPTS = "-Xms64m -Xmx384m -XX:MetaspaceSize=160m -XX:+UseSerialGC "
            + "-XX:+ExitOnOutOfMemoryError";

    static void requireJars(Path repo, List<Piece> services) {
        List<String> missing = services.stream().map(Piece::jar).filter(jar -> !Files.isRegularFile(repo.resolve(jar)))
                .toList();
        if (!missing.isEmpty()) {
            throw new LauncherException("Not built: " + String.join(", ", missing)
                    + ". Run ./jifen up (it builds what is missing) or ./mvnw -DskipTests package.");
        }
    }

    ProcessHandle start(Piece service) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String options = settings.env().getOrDefault("JIFEN_JAVA_OPTS", DEFAULT_JAVA_OPTS);
        command.addAll(Arrays.stream(options.trim().split("\\s+")).filter(option -> !option.isEmpty()).toList());
        command.add("-jar");
        command.add(layout.repo().resolve(service.jar()).toString());
        ProcessHandle process = Proc.start(command, layout.repo(), environment(), layout.log(service.name()), true);
        pids.record(service, process);
        return process;
    }

    /** tenant-service provisions tenants in Keycloak as its master admin (given in the environment when external). */
    private java.util.Map<String, String> environment() {
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
