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
 * {@code pg_stat_statements} (bench of 2026-12-03). Each pool is also named after its datasource
 * ({@code PoolOptions.setName}): the Micrometer pool metrics ({@code sql_pool_*{pool_name="ingest"}}) then show the
 * three pools apart; unnamed, all three were Vert.x's {@code __vertx.DEFAULT} and only the first one's gauges were
 * registered (Micrometer warned "This Gauge has been already registered" at start-up).
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
        return input -> create(input, "default");
    }

    @Produces
    @Singleton
    @ReactiveDataSource("ingest")
    PgPoolCreator ingest() {
        return input -> create(input, "ingest");
    }

    @Produces
    @Singleton
    @ReactiveDataSource("reporting")
    PgPoolCreator reporting() {
        return input -> create(input, "reporting");
    }

    private static Pool create(PgPoolCreator.Input input, String datasource) {
        input.poolOptions().setName(datasource);
        for (PgConnectOptions options : input.pgConnectOptionsList()) {
            options.setPreparedStatementCacheSqlLimit(STATEMENT_CACHE_SQL_LIMIT);
        }
        return PgDriver.INSTANCE.createPool(input.vertx(), input.pgConnectOptionsList(), input.poolOptions());
    }
}
