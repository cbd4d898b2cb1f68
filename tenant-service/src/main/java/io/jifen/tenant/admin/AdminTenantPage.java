package io.jifen.tenant.admin;

import java.util.List;

/** One page of tenants, newest first. */
record AdminTenantPage(List<AdminTenantResponse> items, int page, int size, long totalElements, int totalPages) {
}
