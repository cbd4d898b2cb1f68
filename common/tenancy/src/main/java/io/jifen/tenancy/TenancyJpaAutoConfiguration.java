package io.jifen.tenancy;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.hibernate.cfg.MultiTenancySettings;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.repository.core.support.RepositoryFactoryBeanSupport;

/**
 * The persistence side: Hibernate learns the tenant from {@link TenantContext}; repositories refuse to run without
 * one; every connection tells PostgreSQL's row security whose rows it may see ({@link RowSecurityDataSource}); a
 * transactional method's manager is looked up once per class ({@link TransactionManagerPerClass}).
 */
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

    /** Static, like every post-processor: in place before the transaction advisor and its interceptor are made. */
    @Bean
    static TransactionManagerPerClass.Replacing transactionManagerPerClass() {
        return new TransactionManagerPerClass.Replacing();
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

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "jifen.tenancy.row-security", havingValue = "true", matchIfMissing = true)
    static class RowSecurityConfiguration {

        /** Static, like every post-processor; wraps each data source before anything takes a connection from it. */
        @Bean
        static BeanPostProcessor rowSecurityDataSources() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    return bean instanceof DataSource dataSource && !(bean instanceof RowSecurityDataSource)
                            ? new RowSecurityDataSource(dataSource) : bean;
                }
            };
        }
    }

    /** Migrations run as the tables' owner and change every tenant's rows ({@link MigrationRoles}). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({Flyway.class, FlywayMigrationStrategy.class})
    @ConditionalOnProperty(name = "jifen.tenancy.row-security", havingValue = "true", matchIfMissing = true)
    static class MigrationConfiguration {

        @Bean
        @ConditionalOnMissingBean
        FlywayMigrationStrategy ownerMigration(Environment environment) {
            return new MigrationRoles(environment.getProperty("spring.datasource.username"));
        }
    }
}
