package gov.tawasul.staff.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One row of {@code audit_event}.
 *
 * @param id            position in the log (newest = highest)
 * @param at            when it was recorded
 * @param actor         staff username, the username tried (failed login), or {@code system}
 * @param action        what happened
 * @param targetType    kind of thing it was about ({@code conversation}, {@code staff_user}, …), or null
 * @param targetId      which one (conversation id, username, …), or null
 * @param detail        JSON object of details (never a password or a message text); empty when none
 * @param remoteAddress IP address the request came from, or null (no request, e.g. start-up)
 */
public record AuditEvent(long id, Instant at, String actor, AuditAction action, String targetType, String targetId,
                         Map<String, Object> detail, String remoteAddress) {
}
