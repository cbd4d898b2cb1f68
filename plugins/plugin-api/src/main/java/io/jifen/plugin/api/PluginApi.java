package io.jifen.plugin.api;

/**
 * The version of this API. A plugin states the API version it was built against in its manifest
 * ({@code Plugin-Requires: 1.0}); the host refuses at install a plugin that needs another major version, or a newer
 * minor version than it has (that plugin may call methods this host does not know).
 */
public final class PluginApi {

    public static final int MAJOR = 1;
    public static final int MINOR = 0;
    public static final String VERSION = MAJOR + "." + MINOR;

    private PluginApi() {
    }

    /**
     * Why a plugin requiring {@code required} cannot run on this API, or {@code null} when it can.
     * Accepts {@code major.minor} or {@code major.minor.patch}; the patch level never matters.
     */
    public static String incompatibility(String required) {
        if (required == null || required.isBlank()) {
            return "the manifest has no Plugin-Requires (the plugin API version it was built against, e.g. "
                    + VERSION + ")";
        }
        String[] parts = required.trim().split("\\.");
        int major;
        int minor;
        try {
            if (parts.length < 2 || parts.length > 3) {
                throw new NumberFormatException();
            }
            major = Integer.parseInt(parts[0]);
            minor = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            return "Plugin-Requires '" + required + "' is not a version like " + VERSION;
        }
        if (major != MAJOR || minor > MINOR) {
            return "the plugin needs plugin API " + required.trim() + " but this host provides " + VERSION;
        }
        return null;
    }
}
