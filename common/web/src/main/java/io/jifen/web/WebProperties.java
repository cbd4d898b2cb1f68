package io.jifen.web;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param publicPaths request paths (Ant/PathPattern style) reachable without a token, e.g. tenant signup.
 */
@ConfigurationProperties("jifen.web")
public record WebProperties(List<String> publicPaths) {

    public WebProperties {
        publicPaths = publicPaths == null ? List.of() : List.copyOf(publicPaths);
    }
}
