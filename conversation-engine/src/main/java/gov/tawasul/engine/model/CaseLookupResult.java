package gov.tawasul.engine.model;

/**
 * Outcome of looking a case up: {@link Found}, {@link NotFound} or {@link Unavailable} (or, made by the engine from
 * a case event when the case system is down, {@link LastKnown})
 * (the case system failed, answered something unexpected, or not within the timeout).
 */
public sealed interface CaseLookupResult {
    /** The case exists. */
    record Found(CaseRecord record) implements CaseLookupResult {
    }

    /** No case has this number. */
    record NotFound(String caseNumber) implements CaseLookupResult {
    }

    /**
     * The case system could not answer, and the bot knows the case's last status from a case event: that status
     * is answered "as of" its update time ({@code tawasul.notifications.last-known-status}).
     *
     * @param record the case as its newest event described it
     * @param reason why the case system could not answer, for logs
     */
    record LastKnown(CaseRecord record, String reason) implements CaseLookupResult {
    }

    /** The case system could not answer; {@code reason} is for logs, never shown to citizens. */
    record Unavailable(String caseNumber, String reason) implements CaseLookupResult {
    }
}
