package io.jifen.tenancy.testapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/** A minimal tenant-aware service: a real resource server (tokens signed by {@link TestTokens}) over PostgreSQL. */
@SpringBootApplication
@EnableAsync
public class TenancyTestApplication {

    @Bean
    JwtDecoder jwtDecoder() {
        return NimbusJwtDecoder.withPublicKey(TestTokens.publicKey()).build();
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        return http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/public/**", "/error").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(oauth2 -> oauth2.jwt(Customizer.withDefaults()))
                .build();
    }

    /** Outermost, before security and the tenant filter: sees what the previous request left on the thread. */
    @Bean
    FilterRegistrationBean<ThreadStateRecorder.RequestEntry> requestEntryRecorder(ThreadStateRecorder recorder) {
        var registration = new FilterRegistrationBean<>(new ThreadStateRecorder.RequestEntry(recorder));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Unordered, so outside the tenant decorator: sees what the previous task left on the worker thread. */
    @Bean
    ThreadStateRecorder.TaskEntry taskEntryRecorder(ThreadStateRecorder recorder) {
        return new ThreadStateRecorder.TaskEntry(recorder);
    }

    @Bean
    ThreadStateRecorder threadStateRecorder() {
        return new ThreadStateRecorder();
    }
}
