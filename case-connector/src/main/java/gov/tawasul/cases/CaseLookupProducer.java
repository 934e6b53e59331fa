package gov.tawasul.cases;

import gov.tawasul.cases.local.CaseTableLoader;
import gov.tawasul.cases.local.LocalCaseLookup;
import gov.tawasul.engine.port.CaseLookup;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import java.util.Locale;

/**
 * Produces the application's {@link CaseLookup}, chosen at run time by {@code tawasul.cases.connector}:
 * {@code local} (default, {@link LocalCaseLookup}) or {@code rest}. Checks the choice at start-up (an unknown value
 * fails start-up naming the allowed ones) and, for {@code local}, fills the table ({@link CaseTableLoader}).
 */
@ApplicationScoped
public class CaseLookupProducer {

    /** The connectors {@code tawasul.cases.connector} accepts. */
    public enum Connector { LOCAL, REST }

    private final CasesConfig config;

    public CaseLookupProducer(CasesConfig config) {
        this.config = config;
    }

    void onStart(@Observes StartupEvent event, CaseTableLoader loader) {
        if (connector() == Connector.LOCAL) {
            loader.load(config.local());
        }
    }

    @Produces
    @ApplicationScoped
    CaseLookup caseLookup(Instance<LocalCaseLookup> local) {
        return switch (connector()) {
            case LOCAL -> local.get();
            case REST -> throw new IllegalStateException("tawasul.cases.connector=rest is not available yet");
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
