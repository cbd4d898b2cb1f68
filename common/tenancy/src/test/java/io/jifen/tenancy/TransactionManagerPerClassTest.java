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
import org.springframework.transaction.UnexpectedRollbackException;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionInterceptor;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.ResourceTransactionManager;
import org.springframework.transaction.support.SmartTransactionObject;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The interceptor that remembers each class's transaction manager chooses exactly as Spring's does, call after call:
 * the default manager, the one a class's {@code @Qualifier} names, the one a method names; and {@code MANDATORY}
 * still refuses to run outside a transaction. Inside one it joins without asking the manager, and what a failed call
 * leaves is what Spring's own interceptor leaves (the same context run with each).
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

    /**
     * A manager of one resource bound to the thread while its transaction runs, as a data source's manager binds the
     * connection; it records what it is asked and does.
     */
    static final class Holding extends AbstractPlatformTransactionManager implements ResourceTransactionManager {

        final Object resource = new Object();
        final List<String> calls = new ArrayList<>();

        /** A transaction object: the bound transaction (marked rollback-only by a failed participant), if any. */
        static final class Joined implements SmartTransactionObject {

            Joined bound;
            boolean rollbackOnly;

            @Override
            public boolean isRollbackOnly() {
                return bound.rollbackOnly;
            }

            @Override
            public void flush() {
            }
        }

        @Override
        public Object getResourceFactory() {
            return resource;
        }

        @Override
        protected Object doGetTransaction() {
            calls.add("get");
            Joined transaction = new Joined();
            transaction.bound = (Joined) TransactionSynchronizationManager.getResource(resource);
            return transaction;
        }

        @Override
        protected boolean isExistingTransaction(Object transaction) {
            return ((Joined) transaction).bound != null;
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
            calls.add("begin");
            Joined joined = (Joined) transaction;
            joined.bound = joined;
            TransactionSynchronizationManager.bindResource(resource, joined);
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
            calls.add("commit");
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
            calls.add("rollback");
        }

        @Override
        protected void doSetRollbackOnly(DefaultTransactionStatus status) {
            calls.add("rollback-only");
            ((Joined) status.getTransaction()).bound.rollbackOnly = true;
        }

        @Override
        protected void doCleanupAfterCompletion(Object transaction) {
            TransactionSynchronizationManager.unbindResource(resource);
        }
    }

    static class Joining {

        @Transactional(propagation = Propagation.MANDATORY)
        public boolean joins() {
            return TransactionSynchronizationManager.isActualTransactionActive();
        }

        @Transactional(propagation = Propagation.MANDATORY)
        public void fails() {
            throw new IllegalStateException("failed");
        }

        @Transactional(propagation = Propagation.MANDATORY)
        public void failsChecked() throws Exception {
            throw new Exception("checked");
        }
    }

    @Configuration
    @EnableTransactionManagement
    static class SpringsOwn {

        @Bean
        Holding transactionManager() {
            return new Holding();
        }

        @Bean
        Joining joining() {
            return new Joining();
        }
    }

    @Configuration
    static class Replaced extends SpringsOwn {

        @Bean
        static TransactionManagerPerClass.Replacing transactionManagerPerClass() {
            return new TransactionManagerPerClass.Replacing();
        }
    }

    /** What the manager was asked and did in three transactions: calls that return, one that fails, a checked one. */
    private static List<String> run(Class<?> configuration) {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(configuration)) {
            Holding manager = context.getBean(Holding.class);
            Joining joining = context.getBean(Joining.class);
            TransactionTemplate transactions = new TransactionTemplate(manager);
            List<String> seen = manager.calls;

            Boolean joined = transactions.execute(status -> joining.joins() && joining.joins());
            assertThat(joined).isTrue();
            seen.add("|");
            assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
                assertThatThrownBy(joining::fails).hasMessage("failed");
                assertThat(joining.joins()).isTrue();
            })).isInstanceOf(UnexpectedRollbackException.class);
            seen.add("|");
            transactions.executeWithoutResult(status -> assertThatThrownBy(joining::failsChecked)
                    .hasMessage("checked"));
            seen.add("|");
            assertThatThrownBy(joining::joins).isInstanceOf(IllegalTransactionStateException.class);
            return List.copyOf(seen);
        }
    }

    @Test
    void shouldJoinWithoutAskingTheManagerAndFailAsSpringDoes() {
        List<String> spring = run(SpringsOwn.class);
        List<String> replaced = run(Replaced.class);

        // Spring marks the transaction rollback-only again when a call joins it after the failed one and returns.
        assertThat(spring).containsExactly("get", "begin", "get", "get", "commit", "|", "get", "begin", "get",
                "rollback-only", "get", "rollback-only", "rollback", "|", "get", "begin", "get", "commit", "|", "get");
        assertThat(replaced).containsExactly("get", "begin", "commit", "|", "get", "begin", "get", "rollback-only",
                "rollback", "|", "get", "begin", "commit", "|", "get");
        assertThat(effects(replaced)).as("what the manager did, lookups and repeated marks aside")
                .isEqualTo(effects(spring));
    }

    private static List<String> effects(List<String> calls) {
        List<String> effects = new ArrayList<>();
        for (String call : calls) {
            boolean repeatedMark = call.equals("rollback-only") && !effects.isEmpty()
                    && effects.getLast().equals(call);
            if (!call.equals("get") && !repeatedMark) {
                effects.add(call);
            }
        }
        return effects;
    }
}
