package io.jifen.member.tier;

import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** One member's tier: where it stands, its history, and manual assignment by a tenant admin. */
@RestController
@RequestMapping("/api/v1/members/{memberId}/tier")
class MemberTierController {

    private final TierService tiers;

    MemberTierController(TierService tiers) {
        this.tiers = tiers;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('tenant-admin', 'tenant-staff')")
    MemberTierResponse get(@PathVariable UUID memberId) {
        return tiers.describe(memberId);
    }

    @GetMapping("/history")
    @PreAuthorize("hasAnyRole('tenant-admin', 'tenant-staff')")
    List<TierHistoryResponse> history(@PathVariable UUID memberId) {
        return tiers.history(memberId);
    }

    @PostMapping
    @PreAuthorize("hasRole('tenant-admin')")
    MemberTierResponse assign(@PathVariable UUID memberId, @Valid @RequestBody AssignTierRequest request) {
        tiers.assign(memberId, request);
        return tiers.describe(memberId);
    }
}
