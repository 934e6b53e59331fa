package gov.tawasul.engine.port;

import gov.tawasul.engine.model.CaseLookupResult;
import io.smallrye.mutiny.Uni;

/**
 * Finds a case by its number. Implementations live in {@code case-connector/}. Non-blocking: the returned
 * {@link Uni} completes on a Vert.x context. It never fails: errors and timeouts become
 * {@link CaseLookupResult.Unavailable}.
 */
public interface CaseLookup {

    /**
     * @param caseNumber a normalised case number (ASCII digits, groups joined by {@code -} or {@code /})
     */
    Uni<CaseLookupResult> lookup(String caseNumber);
}
