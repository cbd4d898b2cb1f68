package io.jifen.member.settings;

import io.jifen.tenancy.TenantContext;
import jakarta.validation.Valid;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The calling tenant's member settings (profile completeness rule, card number prefix). */
@RestController
@RequestMapping("/api/v1/members/settings")
class MemberSettingsController {

    private final MemberSettingsRepository settings;

    MemberSettingsController(MemberSettingsRepository settings) {
        this.settings = settings;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('tenant-admin', 'tenant-staff')")
    MemberSettings get() {
        return settings.find(TenantContext.require());
    }

    @PutMapping
    @PreAuthorize("hasRole('tenant-admin')")
    MemberSettings put(@Valid @RequestBody UpdateMemberSettingsRequest request) {
        MemberSettings updated = new MemberSettings(
                request.requiredProfileFields().stream().distinct().toList(), request.cardPrefix());
        settings.save(TenantContext.require(), updated);
        return updated;
    }
}
