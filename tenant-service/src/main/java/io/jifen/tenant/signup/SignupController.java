package io.jifen.tenant.signup;

import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Public signup (listed in {@code jifen.web.public-paths}); the gateway rate-limits it. */
@RestController
class SignupController {

    private final SignupService service;

    SignupController(SignupService service) {
        this.service = service;
    }

    /** 201 with Location {@code /api/v1/tenants/me}: the tenant's own view, for the tokens just issued. */
    @PostMapping("/api/v1/tenants")
    ResponseEntity<SignupResponse> signUp(@Valid @RequestBody SignupRequest request) {
        return ResponseEntity.created(URI.create("/api/v1/tenants/me")).body(service.signUp(request));
    }
}
