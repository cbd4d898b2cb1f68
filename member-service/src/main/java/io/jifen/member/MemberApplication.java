package io.jifen.member;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;

/**
 * Members, cards, tiers and growth value, purchase statistics. Roles are checked per controller
 * ({@code @PreAuthorize}); the tenant comes from the token (common/tenancy); scheduling drives the daily tier
 * re-evaluation.
 */
@SpringBootApplication
@EnableMethodSecurity
@EnableScheduling
public class MemberApplication {

    public static void main(String[] args) {
        SpringApplication.run(MemberApplication.class, args);
    }
}
