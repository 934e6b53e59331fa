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
 * @param demo        true for the bundled sample cases ({@code cases.demo} of the local table), which are public demo
 *                    data that anyone may see; false for every real case (REST connector, imported CSV)
 */
public record CaseRecord(String caseNumber, String status, LocalizedText statusLabel, LocalizedText department,
                         LocalizedText nextStep, OffsetDateTime updatedAt, List<CaseContact> contacts, boolean demo) {
    public CaseRecord {
        contacts = contacts == null ? List.of() : List.copyOf(contacts);
    }

    /** A real (not demo) case: what the REST connector and an imported CSV give. */
    public CaseRecord(String caseNumber, String status, LocalizedText statusLabel, LocalizedText department,
                      LocalizedText nextStep, OffsetDateTime updatedAt, List<CaseContact> contacts) {
        this(caseNumber, status, statusLabel, department, nextStep, updatedAt, contacts, false);
    }
}
