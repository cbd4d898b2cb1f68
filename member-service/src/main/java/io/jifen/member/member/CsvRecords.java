package io.jifen.member.member;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV text into records and fields (RFC 4180): comma separated, CRLF or LF line ends, fields in double quotes
 * may hold commas, quotes (doubled) and line breaks. A leading byte-order mark is ignored (spreadsheets write one),
 * and so are blank lines. Anything else malformed is refused with the line it is on.
 */
final class CsvRecords {

    private CsvRecords() {
    }

    static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        int line = 1;
        boolean quoted = false;
        boolean wasQuoted = false;
        while (i < text.length()) {
            char c = text.charAt(i++);
            if (quoted) {
                if (c == '"') {
                    if (i < text.length() && text.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == '"') {
                if (!field.isEmpty() || wasQuoted) {
                    throw new IllegalArgumentException("line " + line + ": a quote inside an unquoted field");
                }
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i < text.length() && text.charAt(i) == '\n') {
                    i++;
                }
                endRecord(records, fields, field, wasQuoted);
                fields = new ArrayList<>();
                wasQuoted = false;
                line++;
            } else {
                if (wasQuoted) {
                    throw new IllegalArgumentException("line " + line + ": text after a closing quote");
                }
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("line " + line + ": a quoted field is never closed");
        }
        endRecord(records, fields, field, wasQuoted);
        return records;
    }

    private static void endRecord(List<List<String>> records, List<String> fields, StringBuilder field,
            boolean wasQuoted) {
        if (fields.isEmpty() && field.isEmpty() && !wasQuoted) {
            return; // a blank line
        }
        fields.add(field.toString());
        field.setLength(0);
        records.add(List.copyOf(fields));
    }
}
