package io.jifen.tenant.keycloak;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How tenant-service reaches Keycloak's admin API ({@code jifen.tenant.keycloak.*}).
 *
 * @param url           Keycloak's base URL; blank: derived from the JWT issuer ({@code …/realms/<realm>} stripped)
 * @param realm         the realm tenants live in
 * @param adminRealm    the realm the admin account logs in to ({@code master})
 * @param adminClientId the public client of the admin login ({@code admin-cli})
 * @param adminUser     an account allowed to manage users and clients of {@code realm}
 * @param adminPassword its password (required as soon as anything is provisioned)
 * @param connectTimeout how long to wait for a connection before answering 503
 * @param readTimeout    how long one admin call may take before answering 503
 */
@ConfigurationProperties("jifen.tenant.keycloak")
public record KeycloakProperties(String url, String realm, String adminRealm, String adminClientId, String adminUser,
        String adminPassword, Duration connectTimeout, Duration readTimeout) {

    public KeycloakProperties {
        realm = blankTo(realm, "jifen");
        adminRealm = blankTo(adminRealm, "master");
        adminClientId = blankTo(adminClientId, "admin-cli");
        adminUser = blankTo(adminUser, "admin");
        adminPassword = adminPassword == null ? "" : adminPassword;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(3) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(15) : readTimeout;
    }

    /** {@link #url()}, or the issuer's origin and path before {@code /realms/}. */
    public String serverUrl(String issuerUri) {
        if (url != null && !url.isBlank()) {
            return stripSlash(url);
        }
        int realms = issuerUri == null ? -1 : issuerUri.indexOf("/realms/");
        return realms < 0 ? "http://127.0.0.1:8180" : issuerUri.substring(0, realms);
    }

    private static String blankTo(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String stripSlash(String value) {
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }
}
