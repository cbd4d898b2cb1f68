package io.jifen.gateway.tenant;

/**
 * What the gateway needs of a tenant's state hash {@code t:{<tenantId>}:state} (docs/adr/0005): whether it is
 * suspended, and its plan's request rate and burst.
 */
public record TenantState(boolean suspended, double rps, int burst) {
}
