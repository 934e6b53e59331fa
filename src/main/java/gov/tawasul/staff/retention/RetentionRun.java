package gov.tawasul.staff.retention;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one retention run did: per channel (wire name) its cut-off and the rows it erased, and the audit events it
 * removed. Recorded as the detail of the {@code RETENTION_APPLIED} audit event.
 *
 * @param channels     per channel wire name: {@code cutoff} (ISO-8601), {@code inbound}, {@code outbound},
 *                     {@code notifications}, {@code followers}, {@code conversations} (rows changed)
 * @param auditCutoff  audit events older than this were removed
 * @param auditRemoved how many
 */
public record RetentionRun(Map<String, Map<String, Object>> channels, Instant auditCutoff, long auditRemoved) {

    /** @return the run as the JSON object of its audit event */
    public Map<String, Object> detail() {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("channels", channels);
        detail.put("auditCutoff", auditCutoff.toString());
        detail.put("auditRemoved", auditRemoved);
        return detail;
    }
}
