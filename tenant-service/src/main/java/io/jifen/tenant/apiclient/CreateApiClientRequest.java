package io.jifen.tenant.apiclient;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * @param name what the merchant calls it ("POS Shanghai")
 * @param role the realm role its tokens carry
 */
record CreateApiClientRequest(
        @NotBlank @Size(max = 100) String name,
        @NotNull @Pattern(regexp = "tenant-admin|tenant-staff|integrator",
                message = "must be one of tenant-admin, tenant-staff, integrator") String role) {
}
