package io.jifen.points.plugin;

import io.jifen.plugin.api.EarningChannel;
import io.jifen.points.channel.BuiltInChannels;
import io.jifen.tenancy.TenantContext;
import io.jifen.tenancy.TenantId;
import io.jifen.web.ApiException;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tenant switching channels on and off and configuring them; only ever its own enablements. The built-in channels
 * ({@value BuiltInChannels#PLUGIN_ID}) are listed as always on; their enablement cannot be changed
 * ({@code 409 channel_built_in}): they are configured through the tenant's earning rules.
 */
@Service
class EnablementService {

    private final PluginStore plugins;
    private final EnablementStore enablements;
    private final PluginQuota quota;
    private final PluginProperties properties;
    private final JsonMapper json;
    private final BuiltInChannels builtIns;

    EnablementService(PluginStore plugins, EnablementStore enablements, PluginQuota quota,
            PluginProperties properties, JsonMapper json, BuiltInChannels builtIns) {
        this.plugins = plugins;
        this.enablements = enablements;
        this.quota = quota;
        this.properties = properties;
        this.json = json;
        this.builtIns = builtIns;
    }

    @Transactional
    public EnablementResponse enable(String pluginId, String channelId, EnableChannelRequest request) {
        TenantId tenant = TenantContext.require();
        if (builtIns.isPlugin(pluginId)) {
            EarningChannel builtIn = builtIn(channelId);
            throw ApiException.conflict("channel_built_in", "Channel " + builtIn.id() + " is built in and always on;"
                    + " its points come from the earning rules (/api/v1/earning-rules)");
        }
        PluginStore.StoredChannel channel = channel(pluginId, channelId);
        ConfigSchema schema = ConfigSchema.parse(channel.info().configSchema(), json);
        List<ConfigSchema.Problem> problems = schema.validate(request.config());
        if (!problems.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_config", "The config does not match channel "
                    + channelId + "'s schema: " + problems.stream().map(p -> p.field() + " " + p.message())
                    .collect(Collectors.joining("; ")), Map.of("errors", problems));
        }
        if (request.enabled()) {
            if (!channel.pluginEnabled()) {
                throw ApiException.conflict("plugin_disabled", "Plugin " + pluginId + " is disabled by the platform");
            }
            checkQuota(tenant, pluginId);
        }
        String config = json.writeValueAsString(schema.resolve(request.config()));
        enablements.save(tenant, new EnablementStore.Enablement(pluginId, channelId, request.enabled(), config,
                request.maxPointsPerEvent()));
        return view(channel, enablements.find(tenant, channelId).orElseThrow());
    }

    @Transactional(readOnly = true)
    public EnablementResponse get(String pluginId, String channelId) {
        if (builtIns.isPlugin(pluginId)) {
            return builtInView(builtIn(channelId));
        }
        PluginStore.StoredChannel channel = channel(pluginId, channelId);
        return view(channel, enablements.find(TenantContext.require(), channelId).orElse(null));
    }

    /**
     * Every installed channel, with this tenant's enablement (off and defaults when it never set one); the built-in
     * ones first.
     */
    @Transactional(readOnly = true)
    public List<EnablementResponse> list() {
        Map<String, EnablementStore.Enablement> mine = enablements.all(TenantContext.require()).stream()
                .collect(Collectors.toMap(EnablementStore.Enablement::channelId, Function.identity()));
        return Stream.concat(builtIns.all().stream().map(this::builtInView), plugins.channels(null).stream()
                .map(channel -> view(channel, mine.get(channel.info().channelId())))).toList();
    }

    private void checkQuota(TenantId tenant, String pluginId) {
        OptionalInt max = quota.maxPlugins(tenant);
        int others = enablements.otherEnabledPlugins(tenant, pluginId);
        if (max.isPresent() && others + 1 > max.getAsInt()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "quota_exceeded", "The tenant's plan allows channels of at"
                    + " most " + max.getAsInt() + " plugin(s); " + others + " already have enabled channels");
        }
    }

    private PluginStore.StoredChannel channel(String pluginId, String channelId) {
        return plugins.channels(pluginId).stream().filter(c -> c.info().channelId().equals(channelId)).findFirst()
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "channel_not_found",
                        "Plugin " + pluginId + " has no channel " + channelId));
    }

    private EarningChannel builtIn(String channelId) {
        return builtIns.find(channelId).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND,
                "channel_not_found", "Plugin " + BuiltInChannels.PLUGIN_ID + " has no channel " + channelId));
    }

    private EnablementResponse builtInView(EarningChannel channel) {
        JsonNode config = json.valueToTree(ConfigSchema.parse(channel.configSchema(), json).resolve(null));
        return new EnablementResponse(BuiltInChannels.PLUGIN_ID, channel.id(), channel.displayName(),
                channel.description(), true, config, builtIns.maxPointsPerEvent(),
                json.readTree(channel.configSchema()), true);
    }

    private EnablementResponse view(PluginStore.StoredChannel channel, EnablementStore.Enablement enablement) {
        ConfigSchema schema = ConfigSchema.parse(channel.info().configSchema(), json);
        JsonNode config = enablement != null ? json.readTree(enablement.config())
                : json.valueToTree(schema.resolve(null));
        long cap = enablement != null && enablement.maxPointsPerEvent() != null ? enablement.maxPointsPerEvent()
                : properties.limits().maxPointsPerEvent();
        return new EnablementResponse(channel.pluginId(), channel.info().channelId(), channel.info().displayName(),
                channel.info().description(), enablement != null && enablement.enabled(), config, cap,
                json.readTree(channel.info().configSchema()), false);
    }
}
