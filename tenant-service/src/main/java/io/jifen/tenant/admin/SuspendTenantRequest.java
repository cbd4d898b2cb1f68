package io.jifen.tenant.admin;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** @param reason why, for the audit trail and the tenant's support conversation */
record SuspendTenantRequest(@NotBlank @Size(max = 500) String reason) {
}
