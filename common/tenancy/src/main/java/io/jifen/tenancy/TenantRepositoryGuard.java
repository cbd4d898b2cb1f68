package io.jifen.tenancy;

import java.util.Objects;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.hibernate.SharedSessionContract;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.data.repository.core.RepositoryInformation;
import org.springframework.data.repository.core.support.RepositoryFactoryBeanSupport;
import org.springframework.orm.jpa.EntityManagerHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Makes every Spring Data repository of a {@link TenantScopedEntity} fail fast outside a tenant, instead of
 * quietly returning nothing (see {@link TenantIdentifierResolver}), and fail when the transaction's Hibernate
 * session was opened for another tenant (or none): Hibernate fixes a session's tenant when it opens, so a
 * {@code TenantContext.runAs} inside a transaction begun elsewhere would otherwise read with the wrong filter.
 */
class TenantRepositoryGuard implements BeanPostProcessor {

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof RepositoryFactoryBeanSupport<?, ?, ?> repositoryFactory) {
            repositoryFactory.addRepositoryFactoryCustomizer(
                    factory -> factory.addRepositoryProxyPostProcessor(TenantRepositoryGuard::guard));
        }
        return bean;
    }

    private static void guard(ProxyFactory proxy, RepositoryInformation repository) {
        if (TenantScopedEntity.class.isAssignableFrom(repository.getDomainType())) {
            // First, so it runs before a transaction (and a session) is opened and before exception translation.
            proxy.addAdvice(0, new RequireTenant());
        }
    }

    static final class RequireTenant implements MethodInterceptor {

        @Override
        public Object invoke(MethodInvocation invocation) throws Throwable {
            if (invocation.getMethod().getDeclaringClass() != Object.class) {
                requireSessionOf(TenantContext.require());
            }
            return invocation.proceed();
        }

        private static void requireSessionOf(TenantId tenant) {
            for (Object resource : TransactionSynchronizationManager.getResourceMap().values()) {
                if (resource instanceof EntityManagerHolder holder) {
                    Object sessionTenant = holder.getEntityManager().unwrap(SharedSessionContract.class)
                            .getTenantIdentifierValue();
                    if (sessionTenant != null && !Objects.equals(sessionTenant, tenant.value())) {
                        throw new IllegalStateException("Working as tenant " + tenant
                                + " inside a transaction opened for " + describe(sessionTenant)
                                + ": begin the transaction inside TenantContext.runAs, not around it");
                    }
                }
            }
        }

        private static String describe(Object sessionTenant) {
            return TenantIdentifierResolver.NO_TENANT.equals(sessionTenant) ? "no tenant" : "tenant " + sessionTenant;
        }
    }
}
