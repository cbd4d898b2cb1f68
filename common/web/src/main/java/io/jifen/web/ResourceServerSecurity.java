package io.jifen.web;

import io.jifen.httpchecks.HeaderText;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.AuthenticationEntryPoint;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every Jifen service is an OAuth2 resource server on its own: a request without a valid JWT gets 401 even when
 * it bypasses the gateway. Health, metrics and the OpenAPI document stay open for probes and the gateway.
 */
@AutoConfiguration
@EnableConfigurationProperties(WebProperties.class)
public class ResourceServerSecurity {

    private static final String[] ALWAYS_OPEN = {"/actuator/health/**", "/actuator/info", "/actuator/prometheus",
            "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error"};

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain jifenSecurityFilterChain(HttpSecurity http, WebProperties properties, JsonMapper json) {
        AuthenticationEntryPoint unauthorized = (request, response, ex) -> ProblemWriter.write(response, json,
                Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "A valid bearer token is required"));
        AccessDeniedHandler forbidden = (request, response, ex) -> ProblemWriter.write(response, json,
                Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Your token does not allow this operation"));
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers(ALWAYS_OPEN).permitAll();
                    properties.publicPaths().forEach(path -> requests.requestMatchers(path).permitAll());
                    requests.anyRequest().authenticated();
                })
                .oauth2ResourceServer(oauth2 -> oauth2
                        .bearerTokenResolver(new HeaderBearerTokenResolver())
                        .jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden));
        return http.build();
    }

    /** Keycloak realm roles (flat {@code roles} claim or {@code realm_access.roles}) become {@code ROLE_*} authorities. */
    @Bean
    @ConditionalOnMissingBean
    JwtAuthenticationConverter jwtAuthenticationConverter() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(new RolesConverter());
        return converter;
    }

    /** Every JwtDecoder (Boot's, from the issuer, or a service's own) checks each distinct token once. */
    @Bean
    static BeanPostProcessor cachingJwtDecoders() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof JwtDecoder decoder && !(bean instanceof CachingJwtDecoder)
                        ? new CachingJwtDecoder(decoder, Clock.systemUTC()) : bean;
            }
        };
    }

    /**
     * No observation around each security filter: it wrapped all fifteen of them in a Micrometer observation on every
     * request, a fifth of a balance read's CPU, for spans nobody reads. Requests are still timed as a whole
     * ({@code http.server.requests}).
     */
    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Spring's strict firewall with its header rules as loops ({@link HeaderText}): the same answers, without a
     * regular expression over every header of every request (the bearer token alone is a kilobyte).
     */
    @Bean
    @ConditionalOnMissingBean
    WebSecurityCustomizer headerCheckingFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(HeaderText::allowedName);
        firewall.setAllowedHeaderValues(HeaderText::allowedValue);
        return web -> web.httpFirewall(firewall);
    }

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    @ConditionalOnMissingBean
    ProblemExceptionHandler problemExceptionHandler() {
        return new ProblemExceptionHandler();
    }

    /**
     * The authorities of a token, worked out once per token: the decoder hands the same {@link Jwt} back for every
     * call with a token it has checked before ({@link CachingJwtDecoder}), and they depend on its claims alone. Bounded
     * as the decoder's cache: when full, it is cleared.
     */
    static final class RolesConverter implements Converter<Jwt, Collection<GrantedAuthority>> {

        private final Map<Jwt, Collection<GrantedAuthority>> known = new ConcurrentHashMap<>();

        @Override
        public Collection<GrantedAuthority> convert(Jwt jwt) {
            Collection<GrantedAuthority> authorities = known.get(jwt);
            if (authorities == null) {
                if (known.size() >= CachingJwtDecoder.MAX_TOKENS) {
                    known.clear();
                }
                authorities = roles(jwt);
                known.put(jwt, authorities);
            }
            return authorities;
        }

        private static Collection<GrantedAuthority> roles(Jwt jwt) {
            Stream<Object> flat = stream(jwt.getClaim("roles"));
            Object realmAccess = jwt.getClaim("realm_access");
            Stream<Object> realm = realmAccess instanceof Map<?, ?> map ? stream(map.get("roles")) : Stream.empty();
            return Stream.concat(flat, realm)
                    .map(String::valueOf)
                    .distinct()
                    .<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role))
                    .toList();
        }

        private static Stream<Object> stream(Object claim) {
            return claim instanceof Collection<?> values ? values.stream().map(Object.class::cast) : Stream.empty();
        }
    }


}
