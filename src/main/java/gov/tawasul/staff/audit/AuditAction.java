package gov.tawasul.staff.audit;

/**
 * What an {@link AuditEvent} records, stored by name in {@code audit_event.action} (the migration's
 * {@code audit_event_action_check} lists the same names; {@code AuditLogTest} compares both).
 */
public enum AuditAction {
    /** A staff member signed in (form login or single sign-on). */
    LOGIN,
    /** A sign-in was refused: wrong password, unknown username, disabled account, or the username is locked. */
    LOGIN_FAILED,
    /** A username was locked after too many failed sign-ins ({@code tawasul.staff.login.*}). */
    LOGIN_LOCKED,
    /** A staff member signed out. */
    LOGOUT,
    /** A staff member opened a conversation's transcript. */
    TRANSCRIPT_VIEWED,
    /** A staff member took over a conversation from the bot. */
    TAKEOVER,
    /** A supervisor gave a conversation held by one agent to another. */
    REASSIGN,
    /** A staff member sent a reply to a citizen. */
    REPLY,
    /** A staff member handed a conversation back to the bot. */
    HANDBACK,
    /** A staff member closed a conversation. */
    CLOSE,
    /** An administrator created a staff account (or the first start created the bootstrap admin). */
    USER_CREATED,
    /** An account's role, enabled flag, display name, language or password changed. */
    USER_CHANGED,
    /** A supervisor added, changed or removed a canned reply. */
    CANNED_REPLY_CHANGED,
    /** A supervisor exported report figures or the conversations of a period as CSV (detail: which, range). */
    REPORT_EXPORTED,
    /** A supervisor exported everything held about one citizen address. */
    CITIZEN_DATA_EXPORTED,
    /** An administrator erased what is held about one citizen address. */
    CITIZEN_DATA_ERASED,
    /** The retention job erased texts, payloads and addresses older than the retention period (actor {@code system}). */
    RETENTION_APPLIED,
    /** A staff member revoked a citizen's verified identity link to a case. */
    IDENTITY_LINK_REVOKED
}
