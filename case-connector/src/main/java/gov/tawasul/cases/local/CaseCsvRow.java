package gov.tawasul.cases.local;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One data row of a case CSV file as Jackson binds it by header name ({@link CaseCsv}): each column's text as read,
 * null when the column is not in the header or the row has fewer fields than the header. Columns the header has
 * and this row does not know are ignored. {@link #toEntity()} checks and converts the texts.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record CaseCsvRow(
        @JsonProperty(CASE_NUMBER) String caseNumber,
        @JsonProperty(STATUS) String status,
        @JsonProperty(STATUS_LABEL_AR) String statusLabelAr,
        @JsonProperty(STATUS_LABEL_EN) String statusLabelEn,
        @JsonProperty("department_ar") String departmentAr,
        @JsonProperty("department_en") String departmentEn,
        @JsonProperty("next_step_ar") String nextStepAr,
        @JsonProperty("next_step_en") String nextStepEn,
        @JsonProperty(UPDATED_AT) String updatedAt,
        @JsonProperty("contacts") String contacts) {

    static final String CASE_NUMBER = "case_number";
    static final String STATUS = "status";
    static final String STATUS_LABEL_AR = "status_label_ar";
    static final String STATUS_LABEL_EN = "status_label_en";
    static final String UPDATED_AT = "updated_at";

    /** Columns the header must name; every row must give them a non-blank value. */
    static final List<String> REQUIRED_COLUMNS = List.of(CASE_NUMBER, STATUS, STATUS_LABEL_AR, STATUS_LABEL_EN, UPDATED_AT);

    /** Case numbers accepted: ASCII digits, groups joined by {@code -} or {@code /}, at most 64 characters. */
    private static final Pattern CASE_NUMBER_FORM = Pattern.compile("[0-9]+(?:[-/][0-9]+)*");
    private static final int CASE_NUMBER_MAX_LENGTH = 64;

    /**
     * @return the row as a {@code cases} table row: values stripped of surrounding white space, blank optional values
     *         as null, {@code contacts} in the canonical form of {@link Contacts#format}
     * @throws IllegalArgumentException naming the column, for a blank required value, a case number that is not digits
     *                                  joined by {@code -} or {@code /}, an {@code updated_at} that is not ISO-8601 with
     *                                  offset, or a bad contact ({@link Contacts#parse})
     */
    CaseEntity toEntity() {
        CaseEntity c = new CaseEntity();
        c.caseNumber = required(CASE_NUMBER, caseNumber);
        if (c.caseNumber.length() > CASE_NUMBER_MAX_LENGTH || !CASE_NUMBER_FORM.matcher(c.caseNumber).matches()) {
            throw new IllegalArgumentException(CASE_NUMBER + " '" + c.caseNumber + "' is not digits joined by - or /");
        }
        c.status = required(STATUS, status);
        c.statusLabelAr = required(STATUS_LABEL_AR, statusLabelAr);
        c.statusLabelEn = required(STATUS_LABEL_EN, statusLabelEn);
        c.departmentAr = optional(departmentAr);
        c.departmentEn = optional(departmentEn);
        c.nextStepAr = optional(nextStepAr);
        c.nextStepEn = optional(nextStepEn);
        OffsetDateTime updated = dateTime(required(UPDATED_AT, updatedAt));
        c.updatedAt = updated.toInstant();
        c.updatedOffset = updated.getOffset().getId().equals("Z") ? "+00:00" : updated.getOffset().getId();
        c.contacts = Contacts.format(Contacts.parse(optional(contacts)));
        return c;
    }

    private static OffsetDateTime dateTime(String text) {
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(UPDATED_AT + " '" + text
                    + "' is not an ISO-8601 date-time with offset, e.g. 2026-11-20T09:30:00+03:00", e);
        }
    }

    private static String required(String column, String value) {
        String text = optional(value);
        if (text == null) {
            throw new IllegalArgumentException(column + " is empty");
        }
        return text;
    }

    private static String optional(String value) {
        if (value == null) {
            return null;
        }
        String text = value.strip();
        return text.isEmpty() ? null : text;
    }
}
