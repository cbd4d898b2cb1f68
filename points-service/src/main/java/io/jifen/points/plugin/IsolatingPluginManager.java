package io.jifen.points.plugin;

import java.nio.file.Path;
import org.pf4j.ClassLoadingStrategy;
import org.pf4j.JarPluginLoader;
import org.pf4j.JarPluginManager;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginLoader;

/** PF4J's jar plugin manager whose plugins see only the shared API ({@link SharedApiClassLoader}). */
final class IsolatingPluginManager extends JarPluginManager {

    private final ClassLoader shared = new SharedApiClassLoader(IsolatingPluginManager.class.getClassLoader());

    IsolatingPluginManager(Path root) {
        super(root);
    }

    @Override
    protected PluginLoader createPluginLoader() {
        return new JarPluginLoader(this) {
            @Override
            protected PluginClassLoader createPluginClassLoader(Path pluginPath, PluginDescriptor descriptor) {
                return new PluginClassLoader(pluginManager, descriptor, shared, ClassLoadingStrategy.PDA);
            }
        };
    }
}
