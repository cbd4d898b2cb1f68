package io.jifen.member.member;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

/** The calling tenant's members. Staff and admins (and the merchant's backend clients) read and write them. */
@RestController
@RequestMapping("/api/v1/members")
@PreAuthorize("hasAnyRole('tenant-admin', 'tenant-staff')")
class MemberController {

    private final MemberService members;
    private final MemberLifecycle lifecycle;
    private final MemberPatch.Reader patches;
    private final MemberImport imports;

    MemberController(MemberService members, MemberLifecycle lifecycle, MemberPatch.Reader patches,
            MemberImport imports) {
        this.members = members;
        this.lifecycle = lifecycle;
        this.patches = patches;
        this.imports = imports;
    }

    @PostMapping
    ResponseEntity<MemberResponse> register(@Valid @RequestBody RegisterMemberRequest request) {
        MemberResponse created = members.register(request);
        return ResponseEntity.created(URI.create("/api/v1/members/" + created.id())).body(created);
    }

    /** Bulk import (admins): a report of accepted, skipped (already there) and rejected rows. */
    @PostMapping(path = "/imports", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('tenant-admin')")
    ImportReport importMembers(@Valid @RequestBody ImportMembersRequest request) {
        return imports.run(request);
    }

    /** The same import from a CSV file (header row of column names; see the README). */
    @PostMapping(path = "/imports", consumes = MemberCsv.MEDIA_TYPE)
    @PreAuthorize("hasRole('tenant-admin')")
    ImportReport importMembersCsv(@RequestBody String csv) {
        return imports.run(MemberCsv.read(csv, ImportMembersRequest.MAX_ROWS));
    }

    @GetMapping("/{id}")
    MemberResponse get(@PathVariable UUID id) {
        return members.get(id);
    }

    @GetMapping("/by-external-id/{externalId}")
    MemberResponse byExternalId(@PathVariable @Size(max = 64) String externalId) {
        return members.byExternalId(externalId);
    }

    @GetMapping("/by-phone/{phone}")
    MemberResponse byPhone(@PathVariable @Size(max = 32) String phone) {
        return members.byPhone(phone);
    }

    @GetMapping("/by-card/{cardNumber}")
    MemberResponse byCard(@PathVariable @Size(max = 32) String cardNumber) {
        return members.byCard(cardNumber);
    }

    @GetMapping
    MemberPage list(@RequestParam(required = false) @Size(max = 32) String tier,
            @RequestParam(required = false) @Pattern(regexp = "active|frozen|closed") String status,
            @RequestParam(required = false) @Size(max = 32) String tag,
            @RequestParam(required = false) Instant joinedFrom,
            @RequestParam(required = false) Instant joinedTo,
            @RequestParam(required = false) @Size(max = 100) String q,
            @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        MemberSearch search = new MemberSearch(tier, status == null ? null : MemberStatus.of(status), tag,
                joinedFrom, joinedTo, q);
        return members.list(search, page, size);
    }

    /** Read as a tree to tell absent fields from nulls (merge patch); documented as its record. */
    @PatchMapping("/{id}")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            schema = @Schema(implementation = UpdateMemberRequest.class)))
    MemberResponse update(@PathVariable UUID id, @RequestBody ObjectNode body) {
        return members.update(id, patches.read(body));
    }

    @PostMapping("/{id}/freeze")
    MemberResponse freeze(@PathVariable UUID id) {
        return lifecycle.freeze(id);
    }

    @PostMapping("/{id}/unfreeze")
    MemberResponse unfreeze(@PathVariable UUID id) {
        return lifecycle.unfreeze(id);
    }

    @PostMapping("/{id}/close")
    MemberResponse close(@PathVariable UUID id) {
        return lifecycle.close(id);
    }

    /** Privacy erasure (anonymisation); the member id, ledger and statistics stay consistent. */
    @DeleteMapping("/{id}")
    ResponseEntity<Void> erase(@PathVariable UUID id) {
        lifecycle.erase(id);
        return ResponseEntity.noContent().build();
    }
}
