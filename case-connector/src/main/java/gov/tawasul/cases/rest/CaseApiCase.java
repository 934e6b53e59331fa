package gov.tawasul.cases.rest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * The 200 body of {@code GET /cases/{caseNumber}} ({@link CaseApiClient}), as sent. {@code updatedAt} stays a string
 * so that its offset survives ({@link CaseApiMapper} parses it). Unknown fields are ignored.
 *
 * @param caseNumber  e.g. {@code 1446-000123}
 * @param status      status code, e.g. {@code UNDER_REVIEW}
 * @param statusLabel {@code {"ar":"قيد الدراسة","en":"Under review"}}
 * @param department  optional, same shape
 * @param nextStep    optional, same shape
 * @param updatedAt   ISO-8601 with offset, e.g. {@code 2026-11-20T09:30:00+03:00}
 * @param contacts    {@code [{"channel":"sms","address":"+966500000001"}]}, may be absent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CaseApiCase(String caseNumber, String status, Text statusLabel, Text department, Text nextStep,
                          String updatedAt, List<Contact> contacts) {

    /** A label per language: {@code {"ar":"…","en":"…"}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Text(String ar, String en) {
    }

    /** A registered contact: {@code {"channel":"sms|facebook|twitter","address":"…"}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Contact(String channel, String address) {
    }
}
