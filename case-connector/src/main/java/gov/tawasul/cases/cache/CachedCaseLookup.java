package gov.tawasul.cases.cache;

import gov.tawasul.engine.model.CaseLookupResult;
import gov.tawasul.engine.model.CaseRecord;
import gov.tawasul.engine.port.CaseLookup;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.Optional;

/**
 * A {@link CaseLookup} that reads the {@link CaseCache} before the connector it wraps: a fresh entry is the answer
 * (the case API is not called); otherwise the connector is asked and a case it found is cached. Not-found and
 * unavailable answers are not cached (a case created a moment later is found at once). Redis failing is a miss,
 * never a failed lookup. {@link #lastSeen} gives the entry however stale, for the "as of" answer.
 * <p>
 * Metric: {@code tawasul.case.cache} (tag {@code outcome} {@code hit}, {@code miss}, {@code stale}, {@code error}).
 */
public class CachedCaseLookup implements CaseLookup {

    private static final Logger LOG = Logger.getLogger(CachedCaseLookup.class);

    private final CaseLookup connector;
    private final CaseCache cache;
    private final MeterRegistry metrics;

    /**
     * @param connector the case connector (the REST one)
     * @param cache     the cache, {@linkplain CaseCache#active() active}
     * @param metrics   where {@code tawasul.case.cache} is counted
     */
    public CachedCaseLookup(CaseLookup connector, CaseCache cache, MeterRegistry metrics) {
        this.connector = connector;
        this.cache = cache;
        this.metrics = metrics;
    }

    @Override
    public Uni<CaseLookupResult> lookup(String caseNumber) {
        return entry(caseNumber).chain(entry -> answer(caseNumber, entry));
    }

    /** The cache entry's key: the engine reads it in the round trip of the sender's lookup budget. */
    @Override
    public String prefetchKey(String caseNumber) {
        return cache.key(caseNumber);
    }

    /** As {@link #lookup(String)}, with the entry's fields read by the engine (no read of its own). */
    @Override
    public Uni<CaseLookupResult> lookup(String caseNumber, Map<String, String> prefetched) {
        return answer(caseNumber, cache.entry(prefetched));
    }

    private Uni<CaseLookupResult> answer(String caseNumber, Optional<CaseCache.Entry> entry) {
        if (entry.isPresent() && entry.get().fresh()) {
            count("hit");
            return Uni.createFrom().item((CaseLookupResult) new CaseLookupResult.Found(entry.get().record()));
        }
        count(entry.isPresent() ? "stale" : "miss");
        return connector.lookup(caseNumber).call(result -> result instanceof CaseLookupResult.Found found
                ? cache.putLookup(found.record()).onFailure().recoverWithUni(e -> {
                    LOG.warnf(e, "case cache: storing %s failed", caseNumber);
                    return Uni.createFrom().voidItem();
                })
                : Uni.createFrom().voidItem());
    }

    @Override
    public Uni<Optional<CaseRecord>> lastSeen(String caseNumber) {
        return entry(caseNumber).map(e -> e.map(CaseCache.Entry::record));
    }

    private Uni<Optional<CaseCache.Entry>> entry(String caseNumber) {
        return cache.get(caseNumber).onFailure().recoverWithItem(e -> {
            count("error");
            LOG.warnf(e, "case cache: reading %s failed; asking the case API", caseNumber);
            return Optional.empty();
        });
    }

    private void count(String outcome) {
        metrics.counter("tawasul.case.cache", "outcome", outcome).increment();
    }
}
