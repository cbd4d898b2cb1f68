package io.jifen.points.plugin;

import io.jifen.plugin.api.ChannelEvent;
import io.jifen.points.channel.Accepted;
import io.jifen.points.settings.LedgerSettings;
import io.jifen.tenancy.TenantId;
import io.jifen.web.ApiException;
import java.util.Map;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Evaluates an event on a tenant's active channel: finds the loaded plugin, hands it the tenant's resolved config,
 * cap and clock (in the tenant's time zone), answers its state reads, and applies its state writes once the host
 * has accepted the awards it proposed.
 */
@Component
class ChannelRunner {

    private final PluginRegistry registry;
    private final ChannelInvoker invoker;
    private final StateStore state;
    private final PluginProperties properties;
    private final JsonMapper json;
    private final LedgerSettings settings;

    ChannelRunner(PluginRegistry registry, ChannelInvoker invoker, StateStore state, PluginProperties properties,
            JsonMapper json, LedgerSettings settings) {
        this.registry = registry;
        this.invoker = invoker;
        this.state = state;
        this.properties = properties;
        this.json = json;
        this.settings = settings;
    }

    /**
     * Runs the event through the pipeline; {@code post} gets what passed the check, after the call's state writes
     * were applied (in the caller's transaction) when it awards something.
     */
    <T> T run(TenantId tenant, EnablementStore.ActiveChannel active, ChannelEvent event, Function<Accepted, T> post) {
        LoadedChannel channel = registry.channel(active.pluginId(), active.sha256(), active.channelId())
                .orElseThrow(() -> new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "channel_unavailable",
                        "Channel " + active.channelId() + " could not be loaded on this instance; retry later"));
        Map<String, Object> config = ConfigSchema.parse(active.configSchema(), json)
                .resolve(json.readTree(active.config()));
        long cap = active.maxPointsPerEvent() != null ? active.maxPointsPerEvent()
                : properties.limits().maxPointsPerEvent();
        ChannelInvoker.Call call = new ChannelInvoker.Call(tenant.value(), channel, event, config, cap,
                settings.zone());
        return invoker.evaluate(call, key -> state.get(tenant, active.pluginId(), key), (accepted, writes) -> {
            if (!accepted.isRejected()) {
                state.apply(tenant, active.pluginId(), writes);
            }
            return post.apply(accepted);
        });
    }
}
