package io.jifen.member.ticket;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The small bodies of the ticket workflow. */
final class TicketRequests {

    private TicketRequests() {
    }

    record ChangeStatus(@NotNull @Pattern(regexp = "open|in_progress|resolved|closed",
            message = "must be one of open, in_progress, resolved, closed") String status) {
    }

    /** @param assignee who works on it (a staff user name); null unassigns */
    record Assign(@Size(min = 1, max = 100) String assignee) {
    }

    record AddNote(@NotBlank @Size(max = 4000) String text) {
    }
}
