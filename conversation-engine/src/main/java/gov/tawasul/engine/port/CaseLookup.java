package gov.tawasul.engine.port;

import gov.tawasul.engine.model.CaseLookupResult;
import gov.tawasul.engine.model.CaseRecord;
import io.smallrye.mutiny.Uni;

import java.util.Map;
import java.util.Optional;

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

    /**
     * The Redis hash this connector reads first for the case (its cache entry), so that the engine reads it in the
     * round trip of its own Redis work on the number (the sender's lookup budget) and hands its fields to
     * {@link #lookup(String, Map)}.
     *
     * @param caseNumber a normalised case number
     * @return the full key, or null (the default: the connector reads nothing from Redis)
     */
    default String prefetchKey(String caseNumber) {
        return null;
    }

    /**
     * As {@link #lookup(String)}, with the fields the engine read of {@link #prefetchKey} (empty: the hash does not
     * exist) in place of the connector's own read.
     *
     * @param caseNumber a normalised case number
     * @param prefetched the hash's fields, field → value; never null
     */
    default Uni<CaseLookupResult> lookup(String caseNumber, Map<String, String> prefetched) {
        return lookup(caseNumber);
    }

    /**
     * The case as this connector last saw it, however old (e.g. a cache entry past its freshness), for the "as of"
     * answer when {@link #lookup} was {@link CaseLookupResult.Unavailable}. Completes on the caller's Vert.x context
     * and never fails (nothing known: empty).
     *
     * @param caseNumber a normalised case number
     * @return the last record seen, or empty (the default: a connector that keeps nothing)
     */
    default Uni<Optional<CaseRecord>> lastSeen(String caseNumber) {
        return Uni.createFrom().item(Optional.empty());
    }
}
