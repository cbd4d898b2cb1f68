package io.jifen.points.member;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Where member-service answers the synchronous lookups made on a projection miss. */
@ConfigurationProperties("jifen.points.member-service")
record MemberServiceProperties(String url, String byIdPath, String byCardPath, String byExternalIdPath,
        Duration timeout) {
}
