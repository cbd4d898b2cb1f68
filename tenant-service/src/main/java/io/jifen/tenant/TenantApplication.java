package io.jifen.tenant;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;

/**
 * Tenants, signup, Keycloak provisioning, settings, plans and quotas, platform-admin views. Roles are checked per
 * controller ({@code @PreAuthorize}); scheduling drives the periodic re-publish of tenant states to Redis.
 */
@SpringBootApplication
@EnableScheduling
@EnableMethodSecurity
public class TenantApplication {

    public static void main(String[] args) {
        SpringApplication.run(TenantApplication.class, args);
    }
}
