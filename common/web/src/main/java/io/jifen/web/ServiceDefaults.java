package io.jifen.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code jifen-service-defaults.yml} (strict JSON, actuator exposure, local infrastructure addresses read from
 * {@code JIFEN_*} env vars …) with the lowest precedence, so every service shares one set of defaults and its own
 * {@code application.yml} or the environment can still override any of them.
 */
public class ServiceDefaults implements EnvironmentPostProcessor {

    static final String RESOURCE = "jifen-service-defaults.yml";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            for (PropertySource<?> source : new YamlPropertySourceLoader().load(RESOURCE, new ClassPathResource(RESOURCE))) {
                environment.getPropertySources().addLast(source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
