package io.jifen.plugin.api;

/**
 * The version of this API. A plugin states the version it was built against in its manifest
 * ({@code Plugin-Requires}); the host refuses a plugin whose major version differs from its own.
 */
public final class PluginApi {

    public static final String VERSION = "1.0.0";

    private PluginApi() {
    }
}
