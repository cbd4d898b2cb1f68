package io.jifen.tenant.apiclient;

import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The calling tenant's API clients (the tenant comes from the token, never from the path). */
@RestController
@RequestMapping("/api/v1/tenants/me/api-clients")
@PreAuthorize("hasRole('tenant-admin')")
class ApiClientController {

    private final ApiClientService service;

    ApiClientController(ApiClientService service) {
        this.service = service;
    }

    @PostMapping
    ResponseEntity<ApiClientCreatedResponse> create(@Valid @RequestBody CreateApiClientRequest request) {
        ApiClientCreatedResponse created = service.create(request);
        return ResponseEntity.created(URI.create("/api/v1/tenants/me/api-clients/" + created.clientId()))
                .body(created);
    }

    @GetMapping
    List<ApiClientResponse> list() {
        return service.list();
    }

    @DeleteMapping("/{clientId}")
    ResponseEntity<Void> delete(@PathVariable String clientId) {
        service.delete(clientId);
        return ResponseEntity.noContent().build();
    }
}
