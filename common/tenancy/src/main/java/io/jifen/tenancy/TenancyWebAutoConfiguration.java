package io.jifen.tenancy;

import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.Jwt;

/** The request side: {@link TenantFilter} right after Spring Security, and 403 {@code tenant_required}. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(Jwt.class)
@EnableConfigurationProperties(TenancyProperties.class)
public class TenancyWebAutoConfiguration {

    /** Bean name {@code tenantFilter}. Ordered just after the security filter chain, so the JWT is validated. */
    @Bean
    FilterRegistrationBean<TenantFilter> tenantFilter(TenancyProperties properties,
            ObjectProvider<SecurityFilterProperties> securityFilter) {
        int securityOrder = securityFilter.getIfAvailable(SecurityFilterProperties::new).getOrder();
        FilterRegistrationBean<TenantFilter> registration =
                new FilterRegistrationBean<>(new TenantFilter(properties.claim()));
        registration.setOrder(securityOrder + 1);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        return registration;
    }

    @Bean
    TenantRequiredHandler tenantRequiredHandler() {
        return new TenantRequiredHandler();
    }
}
