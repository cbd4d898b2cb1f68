package io.jifen.tenancy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionManager;
import org.springframework.transaction.interceptor.TransactionAttribute;
import org.springframework.transaction.interceptor.TransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionInterceptor;
import org.springframework.transaction.support.ResourceTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.StringUtils;

/**
 * Spring's transaction interceptor, remembering per class which transaction manager a {@code @Transactional} method
 * that names none gets. Spring answers that question on every call by looking for a {@code @Qualifier} on the
 * target class (scanning its annotations) before it falls back to the default manager: a batch of 500 purchases
 * makes about 3,500 transactional calls (each purchase passes several {@code MANDATORY} boundaries), and the scan was
 * 8 % of points-service's CPU. The answer is Spring's own, asked once per class; a method that names a manager is
 * left to Spring each time.
 * <p>
 * A {@code MANDATORY} method called inside a transaction of its manager runs straight on: joining changes nothing
 * (Spring would open a participating status, bind it to the thread and "commit" it, which does nothing), except when
 * the method throws what its rules roll back for, and then the transaction is marked rollback-only exactly as Spring
 * marks it (a participating status rolled back by the manager). Outside such a transaction Spring handles the call,
 * and refuses it. The inner boundaries of the ledger are {@code MANDATORY}: the joins were most of the interceptor's
 * cost.
 */
final class TransactionManagerPerClass extends TransactionInterceptor {

    private final Map<Class<?>, TransactionManager> byClass = new ConcurrentHashMap<>();

    private TransactionManagerPerClass(TransactionInterceptor spring, BeanFactory beanFactory) {
        setTransactionAttributeSource(spring.getTransactionAttributeSource());
        setTransactionManager(spring.getTransactionManager());
        setBeanFactory(beanFactory);
        afterPropertiesSet();
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        Class<?> targetClass = invocation.getThis() == null ? null : AopUtils.getTargetClass(invocation.getThis());
        TransactionAttributeSource source = getTransactionAttributeSource();
        TransactionAttribute attribute = source == null ? null
                : source.getTransactionAttribute(invocation.getMethod(), targetClass);
        if (attribute == null || attribute.getPropagationBehavior() != TransactionDefinition.PROPAGATION_MANDATORY
                || !(determineTransactionManager(attribute, targetClass) instanceof ResourceTransactionManager manager)
                || !TransactionSynchronizationManager.isActualTransactionActive()
                || !TransactionSynchronizationManager.hasResource(manager.getResourceFactory())) {
            return super.invoke(invocation);
        }
        try {
            return invocation.proceed();
        } catch (Throwable failure) {
            if (attribute.rollbackOn(failure)) {
                try {
                    manager.rollback(manager.getTransaction(attribute));
                } catch (RuntimeException | Error rollbackFailure) {
                    rollbackFailure.addSuppressed(failure);
                    throw rollbackFailure;
                }
            }
            throw failure;
        }
    }

    @Override
    protected TransactionManager determineTransactionManager(TransactionAttribute attribute, Class<?> targetClass) {
        if (attribute == null || targetClass == null || StringUtils.hasText(attribute.getQualifier())) {
            return super.determineTransactionManager(attribute, targetClass);
        }
        TransactionManager known = byClass.get(targetClass);
        if (known == null) {
            known = super.determineTransactionManager(attribute, targetClass);
            if (known != null) {
                byClass.putIfAbsent(targetClass, known);
            }
        }
        return known;
    }

    /**
     * Puts this interceptor in place of Spring's plain one (as a bean post-processor: registered before the advisors
     * and the interceptor they use are made). Spring Boot names no transaction manager bean on the interceptor, so
     * its attribute source, its manager (if set) and the bean factory are all there is to carry over.
     */
    static final class Replacing implements BeanPostProcessor, BeanFactoryAware, PriorityOrdered {

        private BeanFactory beanFactory;

        @Override
        public void setBeanFactory(BeanFactory beanFactory) {
            this.beanFactory = beanFactory;
        }

        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            return bean.getClass() == TransactionInterceptor.class
                    ? new TransactionManagerPerClass((TransactionInterceptor) bean, beanFactory) : bean;
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }
}
