package io.jifen.member.card;

import java.util.List;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A member's cards: history, loss report, reissue. */
@RestController
@RequestMapping("/api/v1/members/{memberId}/cards")
@PreAuthorize("hasAnyRole('tenant-admin', 'tenant-staff')")
class CardController {

    private final CardService cards;

    CardController(CardService cards) {
        this.cards = cards;
    }

    @GetMapping
    List<CardResponse> history(@PathVariable UUID memberId) {
        return cards.history(memberId);
    }

    @PostMapping("/{number}/report-loss")
    CardResponse reportLoss(@PathVariable UUID memberId, @PathVariable String number) {
        return cards.reportLoss(memberId, number);
    }

    @PostMapping("/{number}/reissue")
    CardResponse reissue(@PathVariable UUID memberId, @PathVariable String number) {
        return cards.reissue(memberId, number);
    }
}
