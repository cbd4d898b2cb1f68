package io.jifen.plugins.socialshare;

import io.jifen.plugin.api.ChannelContext;
import io.jifen.plugin.api.ChannelEvent;
import io.jifen.plugin.api.ChannelResult;
import io.jifen.plugin.api.EarningChannel;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * Points per shared link ({@code attributes.url}): a member earns for a URL once, and for at most
 * {@code maxSharesPerDay} shares a day in the tenant's time zone. URLs are compared without fragment, scheme or
 * host case and trailing slash, so trivially different spellings of one page count as the same share.
 */
@Extension
public class SocialShareChannel implements EarningChannel {

    static final String SCHEMA = """
            {"type": "object",
             "properties": {
               "pointsPerShare": {"type": "integer", "minimum": 1, "maximum": 10000, "default": 5},
               "maxSharesPerDay": {"type": "integer", "minimum": 1, "maximum": 100, "default": 3}
             }}""";

    @Override
    public String id() {
        return "social-share";
    }

    @Override
    public String displayName() {
        return "Social share";
    }

    @Override
    public String description() {
        return "Points for sharing a link, once per link and up to a daily limit";
    }

    @Override
    public String configSchema() {
        return SCHEMA;
    }

    @Override
    public ChannelResult evaluate(ChannelEvent event, ChannelContext context) {
        Optional<String> url = normalise(event.attributes().get("url"));
        if (url.isEmpty()) {
            return ChannelResult.reject("attributes.url must be an http(s) URL");
        }
        String urlKey = "url:" + event.memberId() + ":" + sha256(url.get());
        if (!context.store().compareAndSet(urlKey, Optional.empty(), "1")) {
            return ChannelResult.reject("this link was already shared");
        }
        String dayKey = "day:" + event.memberId() + ":" + LocalDate.now(context.clock());
        Optional<String> today = context.store().get(dayKey);
        int shares = today.map(Integer::parseInt).orElse(0);
        if (shares >= integer(context, "maxSharesPerDay", 3)) {
            return ChannelResult.reject("daily share limit reached");
        }
        if (!context.store().compareAndSet(dayKey, today, Integer.toString(shares + 1))) {
            return ChannelResult.reject("daily share limit reached");
        }
        return ChannelResult.award(new ChannelResult.Award(integer(context, "pointsPerShare", 5), "shared a link"));
    }

    static Optional<String> normalise(Object value) {
        if (!(value instanceof String text) || text.isBlank() || text.length() > 2000) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(text.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                return Optional.empty();
            }
            String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            return Optional.of(uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                    + path + query);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static long integer(ChannelContext context, String name, long fallback) {
        return context.config().get(name) instanceof Number number ? number.longValue() : fallback;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
