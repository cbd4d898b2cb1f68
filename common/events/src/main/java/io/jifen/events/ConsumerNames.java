package io.jifen.events;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Consumer names within a group, unique per running instance: a restarted instance must not inherit its
 * predecessor's pending entries as if it had read them (they are reclaimed by idle time instead), and two
 * instances on one host (same hostname, possibly the same PID in containers) must not share one.
 */
final class ConsumerNames {

    private ConsumerNames() {
    }

    static String unique() {
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        return host() + "-" + ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(random);
    }

    private static String host() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "unknown-host";
            }
        }
        return host.replaceAll("[^A-Za-z0-9.-]", "_");
    }
}
