package io.jifen.tenancy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.transaction.TransactionManager;
import org.springframework.transaction.interceptor.TransactionAttribute;
import org.springframework.transaction.interceptor.TransactionInterceptor;
import org.springframework.util.StringUtils;

/**
 * Spring's transaction interceptor, remembering per class which transaction manager a {@code @Transactional} method
 * that names none gets. Spring answers that question on every call by looking for a {@code @Qualifier} on the
 * target class (scanning its annotations) before it falls back to the default manager: a batch of 500 purchases
 * makes about 3,500 transactional calls (each purchase passes several {@code MANDATORY} boundaries), and the scan was
 * 8 % of points-service's CPU. The answer is Spring's own, asked once per class; a method that names a manager is
 * left to Spring each time.
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
