package gov.tawasul.engine.model;

/**
 * Outcome of looking a case up: {@link Found}, {@link NotFound} or {@link Unavailable}
 * (the case system failed, answered something unexpected, or not within the timeout).
 */
public sealed interface CaseLookupResult {
    /** The case exists. */
    record Found(CaseRecord record) implements CaseLookupResult {
    }

    /** No case has this number. */
    record NotFound(String caseNumber) implements CaseLookupResult {
    }

    /** The case system could not answer; {@code reason} is for logs, never shown to citizens. */
    record Unavailable(String caseNumber, String reason) implements CaseLookupResult {
    }
}
