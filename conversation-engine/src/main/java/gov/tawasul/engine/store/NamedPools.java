package gov.tawasul.engine.store;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Produces the {@link Ingest} and {@link Reporting} {@link Db}s: the same statements helper on the reactive pools of
 * the named datasources {@code ingest} and {@code reporting} ({@code quarkus.datasource."ingest".*},
 * {@code quarkus.datasource."reporting".*}: the same URL, user and password as the default pool, their own
 * {@code reactive.max-size} and planning settings). The default {@link Db} keeps the default pool.
 */
@Singleton
class NamedPools {

    @Produces
    @Singleton
    @Ingest
    Db ingestDb(@ReactiveDataSource("ingest") Pool pool) {
        return new Db(pool);
    }

    @Produces
    @Singleton
    @Reporting
    Db reportingDb(@ReactiveDataSource("reporting") Pool pool) {
        return new Db(pool);
    }
}
