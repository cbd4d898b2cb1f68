package io.jifen.points.reward;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The rewards catalog: tenant admins write it, admins and staff read it. */
@RestController
@Validated
@RequestMapping("/api/v1/rewards")
@PreAuthorize("hasAnyRole('tenant-admin', 'tenant-staff')")
class RewardController {

    private final RewardService rewards;

    RewardController(RewardService rewards) {
        this.rewards = rewards;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('tenant-admin')")
    RewardResponse create(@Validated @RequestBody SaveRewardRequest request) {
        return rewards.create(request);
    }

    @PutMapping("/{id}")
    @PreAuthorize("hasRole('tenant-admin')")
    RewardResponse update(@PathVariable UUID id, @Validated @RequestBody SaveRewardRequest request) {
        return rewards.update(id, request);
    }

    @GetMapping("/{id}")
    RewardResponse get(@PathVariable UUID id) {
        return rewards.get(id);
    }

    @GetMapping
    RewardPage list(@RequestParam(required = false) @Pattern(regexp = "goods|coupon|service") String type,
            @RequestParam(required = false) Boolean active,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return rewards.list(type, active, page, size);
    }

    /** Imports codes ({@code codes}) or generates them ({@code generate}); 201 with the pool's new size. */
    @PostMapping("/{id}/coupon-codes")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('tenant-admin')")
    CouponCodesResponse addCouponCodes(@PathVariable UUID id, @Validated @RequestBody AddCouponCodesRequest request) {
        return rewards.addCouponCodes(id, request);
    }
}
