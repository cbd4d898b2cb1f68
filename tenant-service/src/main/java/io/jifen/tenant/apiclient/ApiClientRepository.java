package io.jifen.tenant.apiclient;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ApiClientRepository extends JpaRepository<ApiClient, ApiClientId> {

    List<ApiClient> findByIdTenantIdOrderByCreatedAtAsc(UUID tenantId);
}
