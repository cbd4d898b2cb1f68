package io.jifen.member.ticket;

import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Member care tickets: opened on a member, worked on by staff. */
@RestController
@RequestMapping("/api/v1")
@PreAuthorize("hasAnyRole('tenant-admin', 'tenant-staff')")
class TicketController {

    private final TicketService tickets;

    TicketController(TicketService tickets) {
        this.tickets = tickets;
    }

    @PostMapping("/members/{memberId}/tickets")
    ResponseEntity<TicketResponse> open(@PathVariable UUID memberId, @Valid @RequestBody OpenTicketRequest request) {
        TicketResponse opened = tickets.open(memberId, request);
        return ResponseEntity.created(URI.create("/api/v1/tickets/" + opened.id())).body(opened);
    }

    @GetMapping("/members/{memberId}/tickets")
    TicketPage ofMember(@PathVariable UUID memberId,
            @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return tickets.list(new TicketService.TicketFilter(memberId, null, null, null), page, size);
    }

    @GetMapping("/tickets")
    TicketPage list(@RequestParam(required = false) @Pattern(regexp = "open|in_progress|resolved|closed") String status,
            @RequestParam(required = false) @Pattern(regexp = "complaint|feedback|enquiry") String type,
            @RequestParam(required = false) @Size(max = 100) String assignee,
            @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return tickets.list(new TicketService.TicketFilter(null, status == null ? null : TicketStatus.of(status),
                type, assignee), page, size);
    }

    @GetMapping("/tickets/{id}")
    TicketResponse get(@PathVariable UUID id) {
        return tickets.get(id);
    }

    @PostMapping("/tickets/{id}/status")
    TicketResponse changeStatus(@PathVariable UUID id, @Valid @RequestBody TicketRequests.ChangeStatus request) {
        return tickets.changeStatus(id, TicketStatus.of(request.status()));
    }

    @PutMapping("/tickets/{id}/assignee")
    TicketResponse assign(@PathVariable UUID id, @Valid @RequestBody TicketRequests.Assign request) {
        return tickets.assign(id, request.assignee());
    }

    @PostMapping("/tickets/{id}/notes")
    TicketResponse addNote(@PathVariable UUID id, @Valid @RequestBody TicketRequests.AddNote request,
            @Parameter(hidden = true) @AuthenticationPrincipal Jwt token) {
        String author = token.getClaimAsString("preferred_username");
        author = author != null ? author : token.getSubject();
        return tickets.addNote(id, author.length() > 100 ? author.substring(0, 100) : author, request.text());
    }
}
