package gov.tawasul.engine.store;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.spi.PgDriver;
import io.vertx.sqlclient.Pool;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Creates the three reactive pools (default, {@code ingest}, {@code reporting}) as Quarkus would, from the connect
 * options it built out of {@code quarkus.datasource.*} ({@link PgPoolCreator}, one per datasource), with one change:
 * the Vert.x client caches the prepared statements of SQL up to {@value #STATEMENT_CACHE_SQL_LIMIT} characters
 * ({@link PgConnectOptions#setPreparedStatementCacheSqlLimit}; its default is 2,048 and Quarkus has no setting for
 * it). The message path's longest statements (a reply queued with its conversation, case query and follower; a
 * group of inbound messages; a group of receipts) are 2–6 KB of SQL: above the default they were sent unnamed, parsed
 * and planned on every call whatever {@code plan_cache_mode} said — 0.7 ms of planning per reply queued, measured with
 * {@code pg_stat_statements} (bench of 2026-12-03).
 * <p>
 * Vert.x options: https://vertx.io/docs/vertx-pg-client/java/#_prepared_statement_caching
 */
@Singleton
class PoolCreators {

    /** Longest SQL text whose prepared statement a connection caches (characters). */
    static final int STATEMENT_CACHE_SQL_LIMIT = 16_384;

    @Produces
    @Singleton
    PgPoolCreator messagePath() {
        return PoolCreators::create;
    }

    @Produces
    @Singleton
    @ReactiveDataSource("ingest")
    PgPoolCreator ingest() {
        return PoolCreators::create;
    }

    @Produces
    @Singleton
    @ReactiveDataSource("reporting")
    PgPoolCreator reporting() {
        return PoolCreators::create;
    }

    private static Pool create(PgPoolCreator.Input input) {
        for (PgConnectOptions options : input.pgConnectOptionsList()) {
            options.setPreparedStatementCacheSqlLimit(STATEMENT_CACHE_SQL_LIMIT);
        }
        return PgDriver.INSTANCE.createPool(input.vertx(), input.pgConnectOptionsList(), input.poolOptions());
    }
}
