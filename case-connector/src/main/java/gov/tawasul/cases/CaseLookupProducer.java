package gov.tawasul.cases;

import gov.tawasul.cases.cache.CachedCaseLookup;
import gov.tawasul.cases.cache.CaseCache;
import gov.tawasul.cases.local.CaseTableLoader;
import gov.tawasul.cases.local.LocalCaseLookup;
import gov.tawasul.cases.rest.RestCaseLookup;
import gov.tawasul.engine.port.CaseLookup;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import java.util.Locale;

/**
 * Produces the application's {@link CaseLookup}, chosen at run time by {@code tawasul.cases.connector}:
 * {@code local} (default, {@link LocalCaseLookup}) or {@code rest} ({@link RestCaseLookup}, read through the Redis
 * {@link CaseCache} unless {@code tawasul.cases.cache-ttl=0}). Checks the choice at start-up (an unknown value
 * fails start-up naming the allowed ones) and, for {@code local}, fills the table ({@link CaseTableLoader}).
 */
@ApplicationScoped
public class CaseLookupProducer {

    /** The connectors {@code tawasul.cases.connector} accepts. */
    public enum Connector { LOCAL, REST }

    private final CasesConfig config;

    /** @param config the {@code tawasul.cases.*} settings */
    public CaseLookupProducer(CasesConfig config) {
        this.config = config;
    }

    void onStart(@Observes StartupEvent event, CaseTableLoader loader) {
        switch (connector()) {
            case LOCAL -> loader.load(config.local());
            case REST -> config.rest().url().orElseThrow(() -> new IllegalStateException(
                    "tawasul.cases.rest.url must be set when tawasul.cases.connector=rest"));
        }
    }

    @Produces
    @ApplicationScoped
    CaseLookup caseLookup(Instance<LocalCaseLookup> local, Instance<RestCaseLookup> rest, CaseCache cache,
                          MeterRegistry metrics) {
        return switch (connector()) {
            case LOCAL -> local.get();
            case REST -> cache.active() ? new CachedCaseLookup(rest.get(), cache, metrics) : rest.get();
        };
    }

    /**
     * @return the configured connector
     * @throws IllegalStateException for a value other than {@code local} or {@code rest}
     */
    public Connector connector() {
        String value = config.connector().strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "local" -> Connector.LOCAL;
            case "rest" -> Connector.REST;
            default -> throw new IllegalStateException("tawasul.cases.connector='" + config.connector()
                    + "' is not a case connector; use 'local' (the cases table) or 'rest' (the case-management API)");
        };
    }
}
