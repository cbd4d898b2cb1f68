package io.jifen.tenancy;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Async work inherits the submitter's tenant. Boot applies every {@code TaskDecorator} bean (composed, when there
 * are several) to the {@code applicationTaskExecutor} behind {@code @Async} and MVC async requests.
 */
@AutoConfiguration(before = TaskExecutionAutoConfiguration.class)
public class TenancyTaskAutoConfiguration {

    @Bean
    TenantTaskDecorator tenantTaskDecorator() {
        return new TenantTaskDecorator();
    }
}
