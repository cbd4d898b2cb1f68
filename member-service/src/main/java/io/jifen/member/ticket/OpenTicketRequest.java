package io.jifen.member.ticket;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

record OpenTicketRequest(
        @NotNull @Pattern(regexp = "complaint|feedback|enquiry",
                message = "must be one of complaint, feedback, enquiry") String type,
        @NotBlank @Size(max = 200) String subject,
        @Size(max = 4000) String description) {
}
