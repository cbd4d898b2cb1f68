package io.jifen.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsTest {

    @TempDir
    Path temp;

    @Test
    void shouldGeneratePasswordsOnceAndKeepThemPrivateAcrossRuns() throws Exception {
        Path file = temp.resolve("credentials.properties");

        Credentials first = Credentials.loadOrCreate(file, Map.of());
        Credentials second = Credentials.loadOrCreate(file, Map.of());

        assertThat(first.platformAdminPassword()).hasSize(20).isNotEqualTo(first.keycloakAdminPassword());
        assertThat(second).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void shouldTakeThePasswordsTheEnvironmentGives() {
        Credentials credentials = Credentials.loadOrCreate(temp.resolve("c.properties"),
                Map.of("JIFEN_ADMIN_PASSWORD", "Platform-Admin-1", "JIFEN_KEYCLOAK_ADMIN_PASSWORD", "Kc-Admin-1"));

        assertThat(credentials.platformAdminPassword()).isEqualTo("Platform-Admin-1");
        assertThat(credentials.keycloakAdminPassword()).isEqualTo("Kc-Admin-1");
    }
}
