package io.jifen.member.tier;

import jakarta.validation.Valid;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The calling tenant's tier ladder and qualification policy. */
@RestController
@RequestMapping("/api/v1/tiers")
class TierController {

    private final TierService tiers;

    TierController(TierService tiers) {
        this.tiers = tiers;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('tenant-admin', 'tenant-staff')")
    TierLadder get() {
        return tiers.ladder();
    }

    @PutMapping
    @PreAuthorize("hasRole('tenant-admin')")
    TierLadder put(@Valid @RequestBody TierLadder ladder) {
        return tiers.replaceLadder(ladder);
    }
}
