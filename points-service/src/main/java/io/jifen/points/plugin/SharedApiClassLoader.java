package io.jifen.points.plugin;

import java.util.List;

/**
 * The parent of every plugin's class loader: it shows a plugin the plugin API and PF4J from the host, the JDK's own
 * modules through the platform loader, and nothing else. Spring, the JDBC driver and points-service's classes are
 * on the application class path, which a plugin therefore cannot load, by name or otherwise.
 */
final class SharedApiClassLoader extends ClassLoader {

    private static final List<String> SHARED = List.of("io.jifen.plugin.api.", "org.pf4j.");

    private final ClassLoader host;

    SharedApiClassLoader(ClassLoader host) {
        super("jifen-plugin-shared", ClassLoader.getPlatformClassLoader());
        this.host = host;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (SHARED.stream().anyMatch(name::startsWith)) {
            return host.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }
}
