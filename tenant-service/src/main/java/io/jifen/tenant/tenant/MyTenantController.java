package io.jifen.tenant.tenant;

import jakarta.validation.Valid;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/tenants/me}: the tenant named by the caller's token (tenant admins only). */
@RestController
@RequestMapping("/api/v1/tenants/me")
@PreAuthorize("hasRole('tenant-admin')")
class MyTenantController {

    private final MyTenantService service;

    MyTenantController(MyTenantService service) {
        this.service = service;
    }

    @GetMapping
    TenantResponse get() {
        return service.get();
    }

    @PatchMapping
    TenantResponse update(@Valid @RequestBody UpdateTenantRequest request) {
        return service.update(request);
    }
}
