package gov.tawasul.engine.store;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Produces the {@link Ingest} {@link Db}: the same statements helper on the reactive pool of the named datasource
 * {@code ingest} ({@code quarkus.datasource."ingest".*}: the same URL, user and password as the default pool,
 * its own {@code reactive.max-size}). The default {@link Db} keeps the default pool.
 */
@Singleton
class IngestPool {

    @Produces
    @Singleton
    @Ingest
    Db ingestDb(@ReactiveDataSource("ingest") Pool pool) {
        return new Db(pool);
    }
}
