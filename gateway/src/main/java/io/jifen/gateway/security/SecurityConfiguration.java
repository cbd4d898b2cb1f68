package io.jifen.gateway.security;

import io.jifen.gateway.problem.ProblemResponses;
import io.jifen.httpchecks.HeaderText;
import java.util.Collection;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import reactor.core.publisher.Flux;

/**
 * The gateway is an OAuth2 resource server: everything under {@code /api/**} needs a valid bearer token, except
 * signup. The {@code Authorization} header is forwarded untouched, because every service validates it again.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final String[] PUBLIC = {"/actuator/health", "/actuator/health/**", "/actuator/info",
            "/actuator/prometheus", "/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs/**", "/webjars/**",
            "/openapi/**"};

    @Bean
    SecurityWebFilterChain gatewaySecurity(ServerHttpSecurity http, ReactiveJwtDecoder jwtDecoder,
            ProblemResponses problems, CorsProperties cors) {
        ProblemAuthenticationEntryPoint unauthorized = new ProblemAuthenticationEntryPoint(problems);
        ServerAccessDeniedHandler forbidden = (exchange, ex) -> problems.write(exchange, HttpStatus.FORBIDDEN,
                "forbidden", "Your token does not allow this operation");
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                // Nothing is ever replayed after a login here; the default cache opened a web session on every call.
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                // Preflights are answered (or refused with 403) by the CORS filter before any token is asked for.
                .cors(spec -> spec.configurationSource(corsSource(cors)))
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(HttpMethod.POST, "/api/v1/tenants").permitAll()
                        .pathMatchers(PUBLIC).permitAll()
                        // The remaining actuator endpoints (gateway routes, metrics) are for operators only.
                        .pathMatchers("/actuator/**").hasRole("platform-admin")
                        .anyExchange().authenticated())
                .oauth2ResourceServer(oauth2 -> oauth2
                        .bearerTokenConverter(new HeaderBearerTokenConverter())
                        .jwt(jwt -> jwt.jwtDecoder(jwtDecoder).jwtAuthenticationConverter(rolesConverter()))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .build();
    }

    /** No Micrometer observation around every security filter of every call (spans nobody reads, real CPU). */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Spring's strict firewall with its header rules as loops ({@link HeaderText}): the same answers, without a
     * regular expression over every header of every call (5 per cent of the gateway's CPU with a 1 KiB token).
     */
    @Bean
    ServerWebExchangeFirewall headerCheckingFirewall() {
        StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
        firewall.setAllowedHeaderNames(HeaderText::allowedName);
        firewall.setAllowedHeaderValues(HeaderText::allowedValue);
        return firewall;
    }

    private static UrlBasedCorsConfigurationSource corsSource(CorsProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        // Registered even when no origin is allowed, so a foreign preflight is refused (403) instead of ignored.
        cors.setAllowedOrigins(properties.allowedOrigins());
        cors.setAllowedMethods(properties.allowedMethods());
        cors.setAllowedHeaders(properties.allowedHeaders());
        cors.setExposedHeaders(properties.exposedHeaders());
        cors.setMaxAge(properties.maxAge());
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }

    /** Keycloak realm roles (the flat {@code roles} claim) become {@code ROLE_*} authorities, as in the services. */
    private static ReactiveJwtAuthenticationConverter rolesConverter() {
        ReactiveJwtAuthenticationConverter converter = new ReactiveJwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> {
            Object roles = jwt.getClaims().get("roles");
            Collection<?> values = roles instanceof Collection<?> list ? list : List.of();
            return Flux.fromIterable(values).map(role -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role));
        });
        return converter;
    }
}
