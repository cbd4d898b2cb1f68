package io.jifen.member.member;

import io.jifen.web.ApiException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A member import as CSV: a header row naming the columns (any order), one member per line. Columns are the JSON
 * row's fields; {@code tags} holds tags separated by {@code |}; {@code attributes.<key>} columns fill the attributes
 * map. An empty cell is an absent value. A file whose header is wrong is refused whole (400); a cell that cannot be
 * read (a date that is not {@code yyyy-MM-dd}, a balance that is not a whole number) rejects only its row.
 */
final class MemberCsv {

    static final String MEDIA_TYPE = "text/csv";
    private static final String ATTRIBUTE_PREFIX = "attributes.";
    private static final Set<String> COLUMNS = Set.of("externalId", "name", "phone", "email", "gender", "birthday",
            "address", "tags", "cardNumber", "openingBalance", "tierCode");

    private MemberCsv() {
    }

    /** A data line read into a row, or the reasons it could not be read. */
    record Line(ImportMembersRequest.Row row, List<String> errors) {
    }

    static List<Line> read(String text, int maxRows) {
        List<List<String>> records;
        try {
            records = CsvRecords.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("malformed_csv", "The CSV file cannot be read: " + e.getMessage());
        }
        if (records.isEmpty()) {
            throw ApiException.badRequest("missing_header", "The CSV file is empty: the first line names the columns");
        }
        List<String> header = records.getFirst().stream().map(String::strip).toList();
        checkHeader(header);
        int rows = records.size() - 1;
        if (rows < 1 || rows > maxRows) {
            throw ApiException.badRequest("validation_failed",
                    "A file holds 1 to " + maxRows + " members, this one " + rows);
        }
        List<Line> lines = new ArrayList<>(rows);
        for (List<String> record : records.subList(1, records.size())) {
            lines.add(line(header, record));
        }
        return lines;
    }

    private static void checkHeader(List<String> header) {
        List<String> unknown = header.stream()
                .filter(c -> !COLUMNS.contains(c) && !(c.startsWith(ATTRIBUTE_PREFIX)
                        && c.length() > ATTRIBUTE_PREFIX.length()))
                .toList();
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest("unknown_column", "Unknown column(s) " + unknown + "; the columns are "
                    + COLUMNS.stream().sorted().toList() + " and attributes.<key>");
        }
        if (header.stream().distinct().count() != header.size()) {
            throw ApiException.badRequest("duplicate_column", "A column is named twice in the header");
        }
        for (String required : List.of("externalId", "name")) {
            if (!header.contains(required)) {
                throw ApiException.badRequest("missing_column", "The header has no '" + required + "' column");
            }
        }
    }

    private static Line line(List<String> header, List<String> record) {
        List<String> errors = new ArrayList<>();
        if (record.size() != header.size()) {
            errors.add("line has " + record.size() + " fields, the header " + header.size());
        }
        Map<String, String> cells = new LinkedHashMap<>();
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < Math.min(header.size(), record.size()); i++) {
            String value = record.get(i).strip();
            if (value.isEmpty()) {
                continue;
            }
            if (header.get(i).startsWith(ATTRIBUTE_PREFIX)) {
                attributes.put(header.get(i).substring(ATTRIBUTE_PREFIX.length()), value);
            } else {
                cells.put(header.get(i), value);
            }
        }
        LocalDate birthday = null;
        if (cells.containsKey("birthday")) {
            try {
                birthday = LocalDate.parse(cells.get("birthday"));
            } catch (DateTimeParseException e) {
                errors.add("birthday: must be a date as yyyy-MM-dd");
            }
        }
        Long openingBalance = null;
        if (cells.containsKey("openingBalance")) {
            try {
                openingBalance = Long.parseLong(cells.get("openingBalance"));
            } catch (NumberFormatException e) {
                errors.add("openingBalance: must be a whole number of points");
            }
        }
        List<String> tags = cells.containsKey("tags")
                ? Arrays.stream(cells.get("tags").split("\\|")).map(String::strip).filter(t -> !t.isEmpty()).toList()
                : null;
        ImportMembersRequest.Row row = new ImportMembersRequest.Row(cells.get("externalId"), cells.get("name"),
                cells.get("phone"), cells.get("email"), cells.get("gender"), birthday, cells.get("address"),
                attributes.isEmpty() ? null : attributes, tags, cells.get("cardNumber"), openingBalance,
                cells.get("tierCode"));
        return new Line(row, errors);
    }
}
