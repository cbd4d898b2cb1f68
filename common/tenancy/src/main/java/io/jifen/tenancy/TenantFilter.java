package io.jifen.tenancy;

import io.jifen.tenancy.TenantClaim.InvalidTenantClaimException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sets {@link TenantContext} (and the MDC) for one request from the JWT that Spring Security has already
 * validated, and clears both when the request ends, however it ends. The tenant comes from the token only, never
 * from a header or parameter a client could type. A token without the claim leaves the context empty: public and
 * platform-admin endpoints work, and tenant-scoped code fails with 403 {@code tenant_required}. A token whose claim
 * does not name exactly one tenant is refused with 401 {@code invalid_tenant_claim} before any controller runs.
 * Registered (by {@link TenancyWebAutoConfiguration}) right after Spring Security's filter chain.
 */
public class TenantFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(TenantFilter.class);

    private final String claimName;

    public TenantFilter(String claimName) {
        this.claimName = claimName;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<TenantId> tenant;
        try {
            tenant = tenantOf(SecurityContextHolder.getContext().getAuthentication());
        } catch (InvalidTenantClaimException e) {
            refuse(response, e);
            return;
        }
        TenantId stale = TenantContext.replace(tenant.orElse(null));
        if (stale != null) {
            log.warn("Thread {} still carried tenant {} from earlier work; something forgot to clear it",
                    Thread.currentThread().getName(), stale);
        }
        try {
            chain.doFilter(request, response);
        } finally {
            TenantContext.replace(null);
        }
    }

    /** Async re-dispatches (DeferredResult, Callable) run the rest of the request: they get the tenant too. */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    private Optional<TenantId> tenantOf(Authentication authentication) {
        if (authentication != null && authentication.isAuthenticated()
                && authentication.getPrincipal() instanceof Jwt jwt) {
            return TenantClaim.resolve(jwt.getClaims(), claimName);
        }
        return Optional.empty();
    }

    private static void refuse(HttpServletResponse response, InvalidTenantClaimException e) throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
                "Bearer error=\"invalid_token\", error_description=\"The token does not name exactly one tenant\"");
        TenantProblems.write(response, TenantProblems.of(HttpStatus.UNAUTHORIZED,
                TenantProblems.INVALID_TENANT_CLAIM, e.getMessage()));
    }
}
