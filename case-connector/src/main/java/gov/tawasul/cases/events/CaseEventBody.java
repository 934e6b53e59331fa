package gov.tawasul.cases.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import gov.tawasul.cases.rest.CaseApiCase;

import java.util.List;

/**
 * The JSON body of {@code POST /api/case-events}: the case as {@code GET /cases/{n}} of the case API describes it
 * ({@link CaseApiCase}) plus the event's id. Unknown fields are ignored.
 *
 * @param eventId     the case system's id of the change, 1–128 characters, e.g. {@code evt-2026-000123}
 * @param caseNumber  e.g. {@code 1446-000123}
 * @param status      the new status code, e.g. {@code APPROVED}
 * @param statusLabel {@code {"ar":"…","en":"…"}}
 * @param department  optional, same shape
 * @param nextStep    optional, same shape
 * @param updatedAt   ISO-8601 with offset
 * @param contacts    {@code [{"channel":"sms","address":"+966500000001"}]}, may be absent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CaseEventBody(String eventId, String caseNumber, String status, CaseApiCase.Text statusLabel,
                            CaseApiCase.Text department, CaseApiCase.Text nextStep, String updatedAt,
                            List<CaseApiCase.Contact> contacts) {

    /** @return the case part, as the case API's body */
    public CaseApiCase asCase() {
        return new CaseApiCase(caseNumber, status, statusLabel, department, nextStep, updatedAt, contacts);
    }
}
