package io.jifen.plugins.test.misbehaving;

import io.jifen.plugin.api.ChannelContext;
import io.jifen.plugin.api.ChannelEvent;
import io.jifen.plugin.api.ChannelResult;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import org.pf4j.Extension;

/**
 * Tries to reach the host: Spring and points-service classes by name (through its own and the thread's class
 * loader), and the database through JDBC with the URL the test passes. Rejects every event with a report of what
 * it reached, e.g. {@code spring=blocked ledger=blocked tccl=blocked jdbc=blocked}.
 */
@Extension
public class ProbeChannel extends TestChannel {

    @Override
    public String id() {
        return "test-probe";
    }

    @Override
    public ChannelResult evaluate(ChannelEvent event, ChannelContext context) {
        List<String> report = new ArrayList<>();
        report.add("spring=" + load("org.springframework.context.ApplicationContext", getClass().getClassLoader()));
        report.add("ledger=" + load("io.jifen.points.ledger.Ledger", getClass().getClassLoader()));
        report.add("tccl=" + load("org.springframework.jdbc.core.JdbcTemplate",
                Thread.currentThread().getContextClassLoader()));
        report.add("jdbc=" + connect(String.valueOf(event.attributes().get("jdbcUrl"))));
        return ChannelResult.reject(String.join(" ", report));
    }

    private static String load(String name, ClassLoader loader) {
        try {
            Class.forName(name, false, loader);
            return "reached";
        } catch (ClassNotFoundException | LinkageError e) {
            return "blocked";
        }
    }

    private static String connect(String url) {
        try (var connection = DriverManager.getConnection(url)) {
            return "reached";
        } catch (Exception e) {
            return e.getMessage() != null && e.getMessage().contains("No suitable driver") ? "blocked" : "failed";
        }
    }
}
