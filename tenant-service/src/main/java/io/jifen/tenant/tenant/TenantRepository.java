package io.jifen.tenant.tenant;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

public interface TenantRepository extends JpaRepository<Tenant, UUID>, JpaSpecificationExecutor<Tenant> {

    boolean existsBySlug(String slug);

    boolean existsByAdminEmail(String adminEmail);

    /** Every tenant the gateway may see (not those still provisioning), a page at a time for the re-publisher. */
    Page<Tenant> findByStatusNot(TenantStatus status, Pageable pageable);

    /** Signups that never finished (the process died between Keycloak and activation), oldest first. */
    List<Tenant> findTop50ByStatusAndCreatedAtBeforeOrderByCreatedAt(TenantStatus status, Instant before);
}
