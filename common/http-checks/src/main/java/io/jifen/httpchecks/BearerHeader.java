package io.jifen.httpchecks;

/**
 * The bearer token of an {@code Authorization} header, found by a loop instead of Spring Security's regular expression
 * ({@code ^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$}, case-insensitive), which cost 5 to 8 per cent of a service's or the
 * gateway's CPU per call on a 1 KiB token. It accepts exactly the headers that expression matches and returns the same
 * token; for anything else it answers {@code null}, and the caller hands the request to Spring's own resolver, which
 * then decides (no token, or its "malformed" error) as it always did.
 */
public final class BearerHeader {

    private static final String SCHEME = "bearer ";
    private static final String FORM = "application/x-www-form-urlencoded";
    // RFC 6750's b64token characters without the trailing padding, as a table: a token is about a kilobyte, and ten
    // comparisons a character were 2 per cent of a service's CPU per call.
    private static final boolean[] TOKEN_CHARS = new boolean[128];

    static {
        for (char c = 0; c < TOKEN_CHARS.length; c++) {
            TOKEN_CHARS[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
        }
    }

    private BearerHeader() {
    }

    /**
     * The token of a request that can carry no other: a well-formed {@code Bearer} header, no query string and no form
     * body (where Spring's resolvers also look for an {@code access_token} parameter). Null for any other request,
     * which the caller leaves to Spring's own resolver.
     */
    public static String onlyToken(String authorization, String query, String contentType) {
        if (query != null || (contentType != null && contentType.regionMatches(true, 0, FORM, 0, FORM.length()))) {
            return null;
        }
        return token(authorization);
    }

    /** The token of a well-formed {@code Bearer} header, or null when the header is absent or not of that form. */
    public static String token(String authorization) {
        if (authorization == null || authorization.length() <= SCHEME.length()) {
            return null;
        }
        for (int i = 0; i < SCHEME.length(); i++) {
            char c = authorization.charAt(i);
            // ASCII case folding only, as the expression's CASE_INSENSITIVE flag without UNICODE_CASE.
            if ((c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c) != SCHEME.charAt(i)) {
                return null;
            }
        }
        int end = authorization.length();
        int i = SCHEME.length();
        while (i < end && tokenChar(authorization.charAt(i))) {
            i++;
        }
        if (i == SCHEME.length()) {
            return null;
        }
        while (i < end && authorization.charAt(i) == '=') {
            i++;
        }
        return i == end ? authorization.substring(SCHEME.length()) : null;
    }

    /** RFC 6750's b64token characters without the trailing padding: letters, digits, {@code - . _ ~ + /}. */
    private static boolean tokenChar(char c) {
        return c < TOKEN_CHARS.length && TOKEN_CHARS[c];
    }
}
