package io.jifen.points;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;

/** The points ledger, earning rules and channels, rewards and redemption, the plugin host. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableMethodSecurity
public class PointsApplication {

    public static void main(String[] args) {
        SpringApplication.run(PointsApplication.class, args);
    }
}
