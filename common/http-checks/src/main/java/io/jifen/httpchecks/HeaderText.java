package io.jifen.httpchecks;

/**
 * Spring Security's firewall rules for header names and values, as loops: its defaults are regular expressions
 * ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*} for names, the same with a tab allowed for values) run over every
 * header of every request, about 3 to 5 per cent of a call's CPU with a 1 KiB bearer token. The answers are the same
 * for every string: each code point must be assigned and not a control character (a value may hold tabs). A missing
 * header (null, which the reactive firewall asks about) passes, as with Spring's rules.
 */
public final class HeaderText {

    private HeaderText() {
    }

    /** The default {@code allowedHeaderNames} rule of Spring Security's strict firewalls. */
    public static boolean allowedName(String name) {
        return allowed(name, false);
    }

    /** The default {@code allowedHeaderValues} rule of Spring Security's strict firewalls. */
    public static boolean allowedValue(String value) {
        return allowed(value, true);
    }

    private static boolean allowed(String text, boolean tabAllowed) {
        if (text == null) {
            return true;
        }
        int length = text.length();
        int i = 0;
        while (i < length) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                i++;
                continue;
            }
            int codePoint = text.codePointAt(i);
            int type = Character.getType(codePoint);
            if (type == Character.UNASSIGNED || (type == Character.CONTROL && !(tabAllowed && codePoint == '\t'))) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
