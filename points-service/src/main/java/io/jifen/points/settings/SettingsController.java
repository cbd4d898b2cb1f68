package io.jifen.points.settings;

import jakarta.validation.Valid;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tenant's ledger policy: staff may read it, only a tenant admin changes it. A change applies to what happens
 * next (an expiry policy to points earned from now on; lots already stamped keep their expiry).
 */
@RestController
@RequestMapping("/api/v1/points/settings")
class SettingsController {

    private final LedgerSettings settings;

    SettingsController(LedgerSettings settings) {
        this.settings = settings;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('tenant-admin', 'tenant-staff')")
    SettingsResponse get() {
        return SettingsResponse.of(settings.current());
    }

    @PutMapping
    @PreAuthorize("hasRole('tenant-admin')")
    SettingsResponse put(@Valid @RequestBody UpdateSettingsRequest request) {
        Jwt token = (Jwt) SecurityContextHolder.getContext().getAuthentication().getPrincipal();
        settings.save(request.toSettings(settings.current().zone()), token.getSubject());
        return SettingsResponse.of(settings.current());
    }
}
