package io.jifen.points.plugin;

import jakarta.validation.Valid;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A tenant's channels: tenant admins switch them on with a config; staff and integrators may look. */
@RestController
class EnablementController {

    private static final String PATH = "/api/v1/plugins/{pluginId}/channels/{channelId}/enablement";

    private final EnablementService enablements;

    EnablementController(EnablementService enablements) {
        this.enablements = enablements;
    }

    record ChannelList(List<EnablementResponse> items) {
    }

    @PutMapping(PATH)
    @PreAuthorize("hasRole('tenant-admin')")
    EnablementResponse enable(@PathVariable String pluginId, @PathVariable String channelId,
            @Valid @RequestBody EnableChannelRequest request) {
        return enablements.enable(pluginId, channelId, request);
    }

    @GetMapping(PATH)
    @PreAuthorize("hasRole('tenant-admin')")
    EnablementResponse get(@PathVariable String pluginId, @PathVariable String channelId) {
        return enablements.get(pluginId, channelId);
    }

    @GetMapping("/api/v1/channels")
    @PreAuthorize("hasAnyRole('tenant-admin', 'tenant-staff', 'integrator')")
    ChannelList list() {
        return new ChannelList(enablements.list());
    }
}
