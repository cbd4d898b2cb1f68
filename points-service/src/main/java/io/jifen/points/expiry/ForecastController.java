package io.jifen.points.expiry;

import io.jifen.points.member.MemberRef;
import io.jifen.points.member.Members;
import jakarta.validation.constraints.Pattern;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What expires when, for the tenant (its liability running off) or one member. */
@RestController
@Validated
@PreAuthorize("hasAnyRole('tenant-admin', 'tenant-staff')")
class ForecastController {

    private final ExpiryForecasts forecasts;
    private final Members members;

    ForecastController(ExpiryForecasts forecasts, Members members) {
        this.forecasts = forecasts;
        this.members = members;
    }

    @GetMapping("/api/v1/points/expiry-forecast")
    ExpiryForecast tenant(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "month") @Pattern(regexp = "day|month") String granularity) {
        return forecasts.forecast(null, from, to, granularity);
    }

    @GetMapping("/api/v1/members/{memberId}/points/expiry-forecast")
    ExpiryForecast member(@PathVariable UUID memberId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "month") @Pattern(regexp = "day|month") String granularity) {
        members.require(MemberRef.byId(memberId));
        return forecasts.forecast(memberId, from, to, granularity);
    }
}
