package gov.tawasul.cases.local;

import gov.tawasul.engine.model.CaseLookupResult;
import gov.tawasul.engine.port.CaseLookup;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import org.jboss.logging.Logger;

/**
 * {@link CaseLookup} over the local {@code cases} table ({@code tawasul.cases.connector=local}), by primary key,
 * with Hibernate Reactive Panache. Must be called on a Vert.x context (the engine does); completes there.
 * A database error becomes {@link CaseLookupResult.Unavailable}. Selected by
 * {@link gov.tawasul.cases.CaseLookupProducer}, hence typed to its own class only.
 */
@ApplicationScoped
@Typed(LocalCaseLookup.class)
public class LocalCaseLookup implements CaseLookup {

    private static final Logger LOG = Logger.getLogger(LocalCaseLookup.class);

    @Override
    public Uni<CaseLookupResult> lookup(String caseNumber) {
        return Panache.withSession(() -> CaseEntity.<CaseEntity>findById(caseNumber))
                .map(entity -> entity == null
                        ? (CaseLookupResult) new CaseLookupResult.NotFound(caseNumber)
                        : new CaseLookupResult.Found(entity.toRecord()))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf(failure, "local case lookup of %s failed", caseNumber);
                    return new CaseLookupResult.Unavailable(caseNumber, "local case table: " + failure);
                });
    }
}
