package io.jifen.points.plugin;

import io.jifen.plugin.api.EarningChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * The plugins loaded in this instance, through one PF4J manager. PostgreSQL holds the jars: at start every stored
 * plugin is written to this instance's directory and loaded, and a plugin uploaded through another instance is
 * loaded here the first time one of its channels is used. Loading and unloading are serialised (PF4J's manager is
 * not thread-safe); finding a loaded channel is not.
 */
@Component
class PluginRegistry implements SmartInitializingSingleton, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PluginRegistry.class);

    private final Path directory;
    private final PluginStore store;
    private final ChannelInvoker invoker;
    private final IsolatingPluginManager manager;
    private final Map<String, Loaded> loaded = new ConcurrentHashMap<>();

    PluginRegistry(PluginProperties properties, PluginStore store, ChannelInvoker invoker) {
        this.directory = properties.directory();
        this.store = store;
        this.invoker = invoker;
        this.manager = new IsolatingPluginManager(directory);
    }

    /** A loaded plugin: the jar file this instance wrote, its hash and its channels by id. */
    private record Loaded(Path file, String sha256, Map<String, LoadedChannel> channels) {
    }

    /** Why PF4J or the plugin's own code refused to load; the message is for the uploader. */
    static final class PluginLoadException extends RuntimeException {
        PluginLoadException(String message) {
            super(message);
        }
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (String pluginId : store.pluginIds()) {
            try {
                store.jar(pluginId).ifPresent(jar -> load(pluginId, jar));
            } catch (RuntimeException e) {
                log.error("Stored plugin {} could not be loaded; its channels answer 503 until it can", pluginId, e);
            }
        }
    }

    /** Loads (or reloads) a plugin from its jar and asks each channel for its id, name and schema. */
    synchronized List<LoadedChannel> load(String pluginId, byte[] jar) {
        unload(pluginId);
        Path file = write(pluginId, jar);
        String loadedId;
        try {
            loadedId = manager.loadPlugin(file);
        } catch (RuntimeException e) {
            delete(file);
            throw new PluginLoadException("PF4J could not load the jar: " + e.getMessage());
        }
        if (loadedId == null || !loadedId.equals(pluginId)) {
            discard(loadedId, file);
            throw new PluginLoadException("PF4J could not load the jar as plugin " + pluginId);
        }
        try {
            manager.startPlugin(pluginId);
            PluginWrapper plugin = manager.getPlugin(pluginId);
            ClassLoader loader = plugin.getPluginClassLoader();
            List<LoadedChannel> channels = new ArrayList<>();
            for (EarningChannel channel : manager.getExtensions(EarningChannel.class, pluginId)) {
                ChannelInfo info = invoker.describe(loader, () -> new ChannelInfo(channel.id(),
                        channel.displayName(), channel.description(), channel.configSchema()));
                channels.add(new LoadedChannel(pluginId, info, channel, loader));
            }
            Map<String, LoadedChannel> byId = new ConcurrentHashMap<>();
            channels.forEach(channel -> byId.put(String.valueOf(channel.channelId()), channel));
            loaded.put(pluginId, new Loaded(file, PluginJar.sha256(jar), byId));
            return channels;
        } catch (RuntimeException e) {
            discard(pluginId, file);
            throw new PluginLoadException("Plugin " + pluginId + " failed while starting: " + e.getMessage());
        }
    }

    /**
     * The channel of the stored plugin whose jar has hash {@code sha256}: loaded from the database when this
     * instance does not have that jar yet (uploaded through another instance, or removed and uploaded again).
     */
    Optional<LoadedChannel> channel(String pluginId, String sha256, String channelId) {
        Loaded plugin = loaded.get(pluginId);
        if (plugin == null || !plugin.sha256().equals(sha256)) {
            plugin = loadStored(pluginId, sha256);
        }
        return plugin == null ? Optional.empty() : Optional.ofNullable(plugin.channels().get(channelId));
    }

    synchronized void unload(String pluginId) {
        Loaded plugin = loaded.remove(pluginId);
        if (plugin != null) {
            discard(pluginId, plugin.file());
        }
    }

    @Override
    public synchronized void destroy() {
        List.copyOf(loaded.keySet()).forEach(this::unload);
    }

    private synchronized Loaded loadStored(String pluginId, String sha256) {
        Loaded plugin = loaded.get(pluginId);
        if (plugin != null && plugin.sha256().equals(sha256)) {
            return plugin;
        }
        try {
            store.jar(pluginId).ifPresent(jar -> load(pluginId, jar));
        } catch (PluginLoadException e) {
            log.error("Stored plugin {} could not be loaded", pluginId, e);
        }
        return loaded.get(pluginId);
    }

    private void discard(String pluginId, Path file) {
        if (pluginId != null && manager.getPlugin(pluginId) != null) {
            try {
                manager.unloadPlugin(pluginId);
            } catch (RuntimeException e) {
                log.warn("Plugin {} did not unload cleanly", pluginId, e);
            }
        }
        delete(file);
    }

    private Path write(String pluginId, byte[] jar) {
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve(pluginId + "-" + UUID.randomUUID() + ".jar");
            Files.write(file, jar);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write plugin " + pluginId + " to " + directory, e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete {}", file, e);
        }
    }
}
