package io.jifen.tenancy;

import org.hibernate.cfg.MultiTenancySettings;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.repository.core.support.RepositoryFactoryBeanSupport;

/** The persistence side: Hibernate learns the tenant from {@link TenantContext}; repositories refuse to run without one. */
@AutoConfiguration(before = HibernateJpaAutoConfiguration.class)
@ConditionalOnClass(HibernatePropertiesCustomizer.class)
public class TenancyJpaAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TenantIdentifierResolver tenantIdentifierResolver() {
        return new TenantIdentifierResolver();
    }

    @Bean
    HibernatePropertiesCustomizer tenantIdentifierResolverCustomizer(TenantIdentifierResolver resolver) {
        return properties -> properties.put(MultiTenancySettings.MULTI_TENANT_IDENTIFIER_RESOLVER, resolver);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(RepositoryFactoryBeanSupport.class)
    static class RepositoryGuardConfiguration {

        /** Static: a post-processor must exist before the repositories it customises. */
        @Bean
        static TenantRepositoryGuard tenantRepositoryGuard() {
            return new TenantRepositoryGuard();
        }
    }
}
