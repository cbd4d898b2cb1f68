package io.jifen.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionInterceptor;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The interceptor that remembers each class's transaction manager chooses exactly as Spring's does, call after call:
 * the default manager, the one a class's {@code @Qualifier} names, the one a method names; and {@code MANDATORY}
 * still refuses to run outside a transaction.
 */
class TransactionManagerPerClassTest {

    /** A transaction manager that records the transactions it begins (by its name). */
    static final class Recording extends AbstractPlatformTransactionManager {

        final String name;
        final List<String> begun;

        Recording(String name, List<String> begun) {
            this.name = name;
            this.begun = begun;
        }

        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
            begun.add(name);
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
        }
    }

    static class Plain {

        @Transactional
        public boolean inTransaction() {
            return TransactionSynchronizationManager.isActualTransactionActive();
        }

        @Transactional(propagation = Propagation.MANDATORY)
        public void mandatory() {
        }

        @Transactional("other")
        public void namesItsManager() {
        }
    }

    @Qualifier("other")
    static class QualifiedClass {

        @Transactional
        public void work() {
        }
    }

    @Configuration
    @EnableTransactionManagement
    static class Context {

        static final List<String> BEGUN = new ArrayList<>();

        @Bean
        static TransactionManagerPerClass.Replacing transactionManagerPerClass() {
            return new TransactionManagerPerClass.Replacing();
        }

        @Bean
        @Primary
        Recording transactionManager() {
            return new Recording("default", BEGUN);
        }

        @Bean
        @Qualifier("other")
        Recording other() {
            return new Recording("other", BEGUN);
        }

        @Bean
        Plain plain() {
            return new Plain();
        }

        @Bean
        QualifiedClass qualifiedClass() {
            return new QualifiedClass();
        }
    }

    @Test
    void shouldChooseTheManagersSpringChoosesOnEveryCall() {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(Context.class)) {
            assertThat(context.getBean(TransactionInterceptor.class)).isInstanceOf(TransactionManagerPerClass.class);
            Plain plain = context.getBean(Plain.class);
            QualifiedClass qualified = context.getBean(QualifiedClass.class);
            Context.BEGUN.clear();

            for (int i = 0; i < 3; i++) {
                assertThat(plain.inTransaction()).isTrue();
                qualified.work();
                plain.namesItsManager();
            }

            assertThat(Context.BEGUN).containsExactly("default", "other", "other", "default", "other", "other",
                    "default", "other", "other");
            assertThatThrownBy(plain::mandatory).isInstanceOf(IllegalTransactionStateException.class);
        }
    }
}
