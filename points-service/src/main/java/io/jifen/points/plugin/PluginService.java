package io.jifen.points.plugin;

import io.jifen.plugin.api.EarningChannel;
import io.jifen.plugin.api.PluginApi;
import io.jifen.points.channel.BuiltInChannels;
import io.jifen.web.ApiException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Installing, listing, disabling and removing plugins (platform-wide). An upload is loaded for real before it is
 * stored, so a jar PF4J cannot load, whose channels misbehave while describing themselves or whose schema is outside
 * the supported subset is refused with the reason, and nothing is kept.
 * <p>
 * The built-in channels are listed as the plugin {@value BuiltInChannels#PLUGIN_ID}, which is always installed and
 * enabled: disabling or removing it is refused ({@code 409 plugin_built_in}), and its plugin and channel ids cannot
 * be uploaded.
 */
@Service
class PluginService {

    private final PluginStore store;
    private final PluginRegistry registry;
    private final PluginProperties properties;
    private final JsonMapper json;
    private final BuiltInChannels builtIns;

    PluginService(PluginStore store, PluginRegistry registry, PluginProperties properties, JsonMapper json,
            BuiltInChannels builtIns) {
        this.store = store;
        this.registry = registry;
        this.properties = properties;
        this.json = json;
        this.builtIns = builtIns;
    }

    PluginResponse upload(byte[] bytes, String uploadedBy) {
        PluginJar jar = PluginJar.read(bytes, properties.limits().maxJarSize().toBytes());
        if (builtIns.isPlugin(jar.pluginId())) {
            throw ApiException.conflict("plugin_exists", "Plugin id " + jar.pluginId() + " is Jifen's own (its"
                    + " built-in channels); choose another");
        }
        if (store.exists(jar.pluginId())) {
            throw pluginExists(jar.pluginId());
        }
        List<LoadedChannel> channels;
        try {
            channels = registry.load(jar.pluginId(), jar.bytes());
        } catch (PluginRegistry.PluginLoadException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "plugin_invalid", e.getMessage());
        }
        try {
            List<ChannelInfo> infos = channels.stream().map(LoadedChannel::info).toList();
            check(jar.pluginId(), infos);
            store.insert(jar, infos, uploadedBy);
        } catch (DuplicateKeyException e) {
            registry.unload(jar.pluginId());
            throw pluginExists(jar.pluginId());
        } catch (RuntimeException e) {
            registry.unload(jar.pluginId());
            throw e;
        }
        return find(jar.pluginId());
    }

    /** Jifen's own channels first, then the uploaded plugins in id order. */
    List<PluginResponse> list() {
        return Stream.concat(Stream.of(builtIn()), store.plugins().stream().map(this::response)).toList();
    }

    PluginResponse setEnabled(String pluginId, boolean enabled) {
        if (builtIns.isPlugin(pluginId)) {
            if (!enabled) {
                throw builtInFixed(pluginId, "disabled");
            }
            return builtIn();
        }
        if (!store.setEnabled(pluginId, enabled)) {
            throw notFound(pluginId);
        }
        return find(pluginId);
    }

    void remove(String pluginId) {
        if (builtIns.isPlugin(pluginId)) {
            throw builtInFixed(pluginId, "removed");
        }
        if (!store.delete(pluginId)) {
            throw notFound(pluginId);
        }
        registry.unload(pluginId);
    }

    private void check(String pluginId, List<ChannelInfo> channels) {
        if (channels.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "plugin_without_channels", "Plugin " + pluginId
                    + " declares no EarningChannel extension");
        }
        Set<String> ids = new HashSet<>();
        for (ChannelInfo channel : channels) {
            String id = channel.channelId();
            if (id == null || !PluginJar.ID.matcher(id).matches() || !ids.add(id)) {
                throw invalidChannel("Channel id '" + id + "' is not 1-63 lower-case letters, digits and dashes,"
                        + " or is not unique in the plugin");
            }
            if (blankOrLonger(channel.displayName(), 200) || blankOrLonger(channel.description(), 2000)) {
                throw invalidChannel("Channel " + id + " needs a display name (≤ 200) and a description (≤ 2000)");
            }
            try {
                ConfigSchema.parse(channel.configSchema(), json);
            } catch (IllegalArgumentException e) {
                throw invalidChannel("Channel " + id + ": " + e.getMessage());
            }
        }
        List<String> taken = new ArrayList<>(ids.stream().filter(id -> builtIns.find(id).isPresent()).toList());
        taken.addAll(store.channelsTaken(List.copyOf(ids)));
        if (!taken.isEmpty()) {
            throw ApiException.conflict("channel_exists", "Another plugin already provides channel(s) " + taken);
        }
    }

    private PluginResponse find(String pluginId) {
        return store.plugin(pluginId).map(this::response).orElseThrow(() -> notFound(pluginId));
    }

    private PluginResponse response(PluginStore.StoredPlugin plugin) {
        List<PluginResponse.ChannelView> channels = store.channels(plugin.pluginId()).stream()
                .map(channel -> new PluginResponse.ChannelView(channel.info().channelId(),
                        channel.info().displayName(), channel.info().description(),
                        json.readTree(channel.info().configSchema())))
                .toList();
        return new PluginResponse(plugin.pluginId(), plugin.version(), plugin.requires(), plugin.description(),
                plugin.provider(), plugin.enabled(), channels, false);
    }

    private PluginResponse builtIn() {
        List<PluginResponse.ChannelView> channels = builtIns.all().stream().map(this::view).toList();
        return new PluginResponse(BuiltInChannels.PLUGIN_ID, "built-in", PluginApi.VERSION, "Jifen's own earning "
                + "channels: purchases and member events, paid by the tenant's earning rules (/api/v1/earning-rules)",
                "Jifen", true, channels, true);
    }

    private PluginResponse.ChannelView view(EarningChannel channel) {
        return new PluginResponse.ChannelView(channel.id(), channel.displayName(), channel.description(),
                json.readTree(channel.configSchema()));
    }

    private static boolean blankOrLonger(String text, int max) {
        return text == null || text.isBlank() || text.length() > max;
    }

    private static ApiException invalidChannel(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, "plugin_invalid_channel", detail);
    }

    private static ApiException pluginExists(String pluginId) {
        return ApiException.conflict("plugin_exists", "Plugin " + pluginId + " is already installed; remove it"
                + " first to install another version");
    }

    private static ApiException builtInFixed(String pluginId, String what) {
        return ApiException.conflict("plugin_built_in", "Plugin " + pluginId + " holds Jifen's built-in channels;"
                + " it cannot be " + what);
    }

    private static ApiException notFound(String pluginId) {
        return new ApiException(HttpStatus.NOT_FOUND, "plugin_not_found", "Plugin " + pluginId + " is not installed");
    }
}
