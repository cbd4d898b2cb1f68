package io.jifen.points.payment;

import io.jifen.points.idempotency.IdempotentRequests;
import io.jifen.points.idempotency.IdempotentRequests.Reply;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Points as payment at the merchant's checkout; the terms are the tenant admin's. */
@RestController
@Validated
@RequestMapping("/api/v1/points")
@PreAuthorize("hasAnyRole('tenant-admin', 'tenant-staff')")
class PaymentController {

    private final IdempotentRequests idempotent;
    private final PaymentService payments;
    private final PaymentReversals reversals;

    PaymentController(IdempotentRequests idempotent, PaymentService payments, PaymentReversals reversals) {
        this.idempotent = idempotent;
        this.payments = payments;
        this.reversals = reversals;
    }

    /** A POST because it carries an order; it changes nothing. */
    @PostMapping("/payment-quotes")
    PaymentQuote quote(@Validated @RequestBody QuotePaymentRequest request) {
        return payments.quote(request);
    }

    /** 201 with the payment; 200 with the first result when the order was already paid with the same points. */
    @PostMapping("/payments")
    ResponseEntity<String> apply(@RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
            @Validated @RequestBody ApplyPaymentRequest request) {
        return idempotent.run(key, "POST /api/v1/points/payments", request, () -> {
            PaymentService.Applied applied = payments.apply(request);
            return Reply.of(applied.created(), applied.response());
        });
    }

    /** Whatever of the payment's points purchase refunds have not given back yet; again: as it is. */
    @PostMapping("/payments/{orderId}/reversal")
    ResponseEntity<String> reverse(@RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
            @PathVariable @Size(max = 128) @Pattern(regexp = "[\\x21-\\x7e]+") String orderId) {
        return idempotent.run(key, "POST /api/v1/points/payments/" + orderId + "/reversal", Map.of(),
                () -> new Reply(HttpStatus.OK, reversals.reverse(orderId)));
    }

    @GetMapping("/payments/{orderId}")
    PaymentResponse get(@PathVariable @Size(max = 128) @Pattern(regexp = "[\\x21-\\x7e]+") String orderId) {
        return payments.get(orderId);
    }

    @GetMapping("/payment-settings")
    PaymentSettings terms() {
        return payments.terms();
    }

    @PutMapping("/payment-settings")
    @PreAuthorize("hasRole('tenant-admin')")
    PaymentSettings updateTerms(@Validated @RequestBody UpdatePaymentSettingsRequest request) {
        return payments.updateTerms(request);
    }
}
