package io.jifen.points.plugin;

import io.jifen.plugin.api.PluginApi;
import io.jifen.web.ApiException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.springframework.http.HttpStatus;

/**
 * An uploaded plugin jar, checked before PF4J sees it: a readable jar within the size limit, a manifest naming the
 * plugin and the plugin API version it needs (compatible with ours), and a PF4J extension index (the channels).
 */
record PluginJar(String pluginId, String version, String requires, String description, String provider,
        byte[] bytes) {

    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    /** Unpacked, a jar may not be bigger than this many times its size (a zip bomb stops here). */
    private static final int MAX_EXPANSION = 20;

    static PluginJar read(byte[] bytes, long maxSize) {
        if (bytes == null || bytes.length == 0) {
            throw invalid("plugin_invalid", "The upload is empty: send the plugin jar as the multipart part 'jar'");
        }
        if (bytes.length > maxSize) {
            throw invalid("plugin_too_large", "The jar has " + bytes.length + " bytes; at most " + maxSize
                    + " are accepted");
        }
        Contents contents = contents(bytes, (long) bytes.length * MAX_EXPANSION);
        if (contents.manifest() == null) {
            throw invalid("plugin_invalid_manifest", "The jar has no META-INF/MANIFEST.MF");
        }
        Attributes main = contents.manifest().getMainAttributes();
        String id = main.getValue("Plugin-Id");
        if (id == null || !ID.matcher(id).matches()) {
            throw invalid("plugin_invalid_manifest", "Plugin-Id is missing or not 1-63 lower-case letters, digits"
                    + " and dashes: " + id);
        }
        String version = main.getValue("Plugin-Version");
        if (version == null || version.isBlank() || version.length() > 64) {
            throw invalid("plugin_invalid_manifest", "Plugin-Version is missing (e.g. 1.0.0)");
        }
        String requires = main.getValue("Plugin-Requires");
        String incompatibility = PluginApi.incompatibility(requires);
        if (incompatibility != null) {
            throw invalid("plugin_incompatible", "Plugin " + id + " cannot be installed: " + incompatibility);
        }
        if (!contents.declaresExtensions()) {
            throw invalid("plugin_without_channels", "Plugin " + id + " declares no channel"
                    + " (META-INF/extensions.idx is missing or empty: annotate an EarningChannel with @Extension)");
        }
        return new PluginJar(id, version.trim(), requires.trim(), main.getValue("Plugin-Description"),
                main.getValue("Plugin-Provider"), bytes);
    }

    String sha256() {
        return sha256(bytes);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Contents(Manifest manifest, boolean declaresExtensions) {
    }

    private static Contents contents(byte[] bytes, long maxUnpacked) {
        Manifest manifest = null;
        boolean extensions = false;
        long unpacked = 0;
        boolean any = false;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                any = true;
                byte[] content = zip.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxUnpacked - unpacked + 1));
                unpacked += content.length;
                if (unpacked > maxUnpacked) {
                    throw invalid("plugin_invalid", "The jar unpacks to more than " + maxUnpacked + " bytes");
                }
                if (entry.getName().equals("META-INF/MANIFEST.MF")) {
                    manifest = new Manifest(new ByteArrayInputStream(content));
                } else if (entry.getName().equals("META-INF/extensions.idx")) {
                    extensions = new String(content, StandardCharsets.UTF_8).lines()
                            .map(String::strip).anyMatch(line -> !line.isEmpty() && !line.startsWith("#"));
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw invalid("plugin_invalid", "Not a readable jar: " + e.getMessage());
        }
        if (!any) {
            throw invalid("plugin_invalid", "Not a jar (no zip entries found)");
        }
        return new Contents(manifest, extensions);
    }

    private static ApiException invalid(String code, String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, code, detail);
    }
}
