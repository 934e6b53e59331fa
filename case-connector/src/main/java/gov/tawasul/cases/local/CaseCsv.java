package gov.tawasul.cases.local;

import java.io.IOException;
import java.io.Reader;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads cases from CSV (RFC 4180: comma-separated, UTF-8, fields with commas, quotes or line breaks in double quotes,
 * {@code ""} for a quote; https://www.rfc-editor.org/rfc/rfc4180). The first line is a header naming the columns, in
 * any order; unknown columns are ignored:
 * <ul>
 *   <li>{@code case_number} (required): ASCII digits, groups joined by {@code -} or {@code /}, e.g. {@code 1446-000123},
 *       {@code 2024/12345}</li>
 *   <li>{@code status} (required): the case system's status code, e.g. {@code UNDER_REVIEW}</li>
 *   <li>{@code status_label_ar}, {@code status_label_en} (required): the status label, e.g. {@code قيد الدراسة},
 *       {@code Under review}</li>
 *   <li>{@code department_ar}, {@code department_en}, {@code next_step_ar}, {@code next_step_en} (optional, may be
 *       empty)</li>
 *   <li>{@code updated_at} (required): ISO-8601 date-time with offset, e.g. {@code 2026-11-20T09:30:00+03:00}</li>
 *   <li>{@code contacts} (optional): {@code channel:address} pairs separated by {@code ;}, see {@link Contacts}, e.g.
 *       {@code sms:+966500000001;twitter:1000000000000000002}</li>
 * </ul>
 * A bad row fails the whole file with an {@link IllegalArgumentException} naming its line.
 */
public final class CaseCsv {

    /** Case numbers accepted: ASCII digits, groups joined by {@code -} or {@code /}, at most 64 characters. */
    public static final Pattern CASE_NUMBER = Pattern.compile("[0-9]+(?:[-/][0-9]+)*");

    private static final List<String> REQUIRED =
            List.of("case_number", "status", "status_label_ar", "status_label_en", "updated_at");

    private CaseCsv() {
    }

    /**
     * @param source name of the source for error messages (file name)
     * @return the cases, in file order
     * @throws IllegalArgumentException for a missing column or a bad row
     * @throws IOException when reading fails
     */
    public static List<CaseEntity> read(Reader in, String source) throws IOException {
        List<List<String>> records = parse(in);
        if (records.isEmpty()) {
            throw new IllegalArgumentException(source + ": empty, a header line is required");
        }
        Map<String, Integer> columns = new HashMap<>();
        List<String> header = records.get(0);
        for (int i = 0; i < header.size(); i++) {
            columns.put(header.get(i).strip().replace("\uFEFF", "").toLowerCase(java.util.Locale.ROOT), i);
        }
        for (String required : REQUIRED) {
            if (!columns.containsKey(required)) {
                throw new IllegalArgumentException(source + ": column '" + required + "' missing from the header");
            }
        }
        List<CaseEntity> cases = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            List<String> record = records.get(r);
            if (record.size() == 1 && record.get(0).isBlank()) {
                continue;
            }
            try {
                cases.add(toEntity(record, columns));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw new IllegalArgumentException(source + ": record " + (r + 1) + ": " + e.getMessage(), e);
            }
        }
        return cases;
    }

    private static CaseEntity toEntity(List<String> record, Map<String, Integer> columns) {
        CaseEntity c = new CaseEntity();
        c.caseNumber = required(record, columns, "case_number");
        if (c.caseNumber.length() > 64 || !CASE_NUMBER.matcher(c.caseNumber).matches()) {
            throw new IllegalArgumentException("case_number '" + c.caseNumber + "' is not digits joined by - or /");
        }
        c.status = required(record, columns, "status");
        c.statusLabelAr = required(record, columns, "status_label_ar");
        c.statusLabelEn = required(record, columns, "status_label_en");
        c.departmentAr = optional(record, columns, "department_ar");
        c.departmentEn = optional(record, columns, "department_en");
        c.nextStepAr = optional(record, columns, "next_step_ar");
        c.nextStepEn = optional(record, columns, "next_step_en");
        OffsetDateTime updated = OffsetDateTime.parse(required(record, columns, "updated_at"));
        c.updatedAt = updated.toInstant();
        c.updatedOffset = updated.getOffset().getId().equals("Z") ? "+00:00" : updated.getOffset().getId();
        String contacts = optional(record, columns, "contacts");
        c.contacts = Contacts.format(Contacts.parse(contacts));
        return c;
    }

    private static String required(List<String> record, Map<String, Integer> columns, String name) {
        String value = optional(record, columns, name);
        if (value == null) {
            throw new IllegalArgumentException(name + " is empty");
        }
        return value;
    }

    private static String optional(List<String> record, Map<String, Integer> columns, String name) {
        Integer i = columns.get(name);
        if (i == null || i >= record.size()) {
            return null;
        }
        String value = record.get(i).strip();
        return value.isEmpty() ? null : value;
    }

    /** Splits RFC 4180 text into records of fields. */
    static List<List<String>> parse(Reader source) throws IOException {
        Reader in = source.markSupported() ? source : new java.io.BufferedReader(source);
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int ch;
        while ((ch = in.read()) != -1) {
            char c = (char) ch;
            any = true;
            if (quoted) {
                if (c == '"') {
                    in.mark(1);
                    int next = in.read();
                    if (next == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        if (next != -1) {
                            in.reset();
                        }
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r') {
                    in.mark(1);
                    if (in.read() != '\n') {
                        in.reset();
                    }
                }
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                any = false;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quoted field at end of file");
        }
        if (any) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }
}
