package io.jifen.tenant.usage;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface TenantUsageRepository extends JpaRepository<TenantUsage, UUID> {
}
