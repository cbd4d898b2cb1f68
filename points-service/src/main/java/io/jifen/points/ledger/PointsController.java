package io.jifen.points.ledger;

import io.jifen.points.member.MemberRef;
import io.jifen.points.member.Members;
import io.jifen.web.ApiException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A member's balance and history. The member must exist (404 {@code member_not_found}), even with no points yet. */
@RestController
@Validated
@RequestMapping("/api/v1/members/{memberId}/points")
@PreAuthorize("hasAnyRole('tenant-admin', 'tenant-staff')")
class PointsController {

    private final Members members;
    private final PointsQueries queries;

    PointsController(Members members, PointsQueries queries) {
        this.members = members;
        this.queries = queries;
    }

    /**
     * One statement for a member the projection knows (nearly every read); any other member is resolved as on every
     * endpoint (member-service for one registered a moment ago, 404 {@code member_not_found} for none or erased).
     */
    @GetMapping
    PointsSummary summary(@PathVariable UUID memberId) {
        return queries.summaryOfKnownMember(memberId).orElseGet(() -> {
            members.require(MemberRef.byId(memberId));
            return queries.summary(memberId);
        });
    }

    @GetMapping("/entries")
    EntryPage entries(@PathVariable UUID memberId, @RequestParam(required = false) String kind,
            @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        members.require(MemberRef.byId(memberId));
        return queries.entries(memberId, parseKind(kind), from, to, page, size);
    }

    private static EntryKind parseKind(String kind) {
        if (kind == null || kind.isBlank()) {
            return null;
        }
        try {
            return EntryKind.of(kind);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_parameter", "Unknown entry kind '" + kind.strip() + "'");
        }
    }
}
