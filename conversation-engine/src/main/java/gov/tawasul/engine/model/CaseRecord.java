package gov.tawasul.engine.model;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A case (transaction) as the case-management system describes it. Labels come from that system:
 * the bot does not know the agency's status vocabulary.
 *
 * @param caseNumber  the case number, e.g. {@code 1446-000123}
 * @param status      the system's status code, e.g. {@code UNDER_REVIEW}
 * @param statusLabel status label per language
 * @param department  department in charge, or null
 * @param nextStep    what the citizen should do or expect next, or null
 * @param updatedAt   last update, with its offset
 * @param contacts    registered contacts; never null
 */
public record CaseRecord(String caseNumber, String status, LocalizedText statusLabel, LocalizedText department,
                         LocalizedText nextStep, OffsetDateTime updatedAt, List<CaseContact> contacts) {
    public CaseRecord {
        contacts = contacts == null ? List.of() : List.copyOf(contacts);
    }
}
