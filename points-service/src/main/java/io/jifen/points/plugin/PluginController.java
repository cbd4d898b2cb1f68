package io.jifen.points.plugin;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Installed plugins: integrators and platform admins upload, platform admins disable and remove. */
@RestController
class PluginController {

    private final PluginService plugins;

    PluginController(PluginService plugins) {
        this.plugins = plugins;
    }

    /** {@code PATCH /api/v1/plugins/{pluginId}}: switch a plugin off (or on again) for every tenant. */
    record SetPluginEnabledRequest(@NotNull Boolean enabled) {
    }

    record PluginList(List<PluginResponse> items) {
    }

    @PostMapping(path = "/api/v1/plugins", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasAnyRole('integrator', 'platform-admin')")
    ResponseEntity<PluginResponse> upload(@RequestPart("jar") MultipartFile jar, @AuthenticationPrincipal Jwt token) {
        try {
            return ResponseEntity.status(HttpStatus.CREATED).body(plugins.upload(jar.getBytes(), token.getSubject()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GetMapping("/api/v1/plugins")
    @PreAuthorize("hasAnyRole('integrator', 'platform-admin', 'tenant-admin')")
    PluginList list() {
        return new PluginList(plugins.list());
    }

    @PatchMapping("/api/v1/plugins/{pluginId}")
    @PreAuthorize("hasRole('platform-admin')")
    PluginResponse setEnabled(@PathVariable String pluginId, @Valid @RequestBody SetPluginEnabledRequest request) {
        return plugins.setEnabled(pluginId, request.enabled());
    }

    @DeleteMapping("/api/v1/plugins/{pluginId}")
    @PreAuthorize("hasRole('platform-admin')")
    ResponseEntity<Void> remove(@PathVariable String pluginId) {
        plugins.remove(pluginId);
        return ResponseEntity.noContent().build();
    }
}
