package gov.tawasul.engine.store;

import gov.tawasul.engine.testing.EngineTestProfile;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How each of the three pools' connections plan (startup parameters from {@code additional-properties}): the message
 * path's default and {@code ingest} pools one generic plan per prepared statement, the {@code reporting} pool a plan
 * per call for its values; none JIT-compiles. A statement longer than the Vert.x client's default cache limit (2,048
 * characters) is prepared once per connection too ({@link PoolCreators}), not sent unnamed on every call. Each pool's
 * Micrometer gauges carry its datasource's name.
 */
@QuarkusTest
@TestProfile(EngineTestProfile.class)
class PoolPlanningTest {

    @Inject
    Pool messagePath;
    @Inject
    @ReactiveDataSource("ingest")
    Pool ingest;
    @Inject
    @ReactiveDataSource("reporting")
    Pool reporting;
    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    @Test
    void theMessagePathPlansOnceAndTheReportsPlanPerCall() {
        assertThat(setting(messagePath, "plan_cache_mode")).isEqualTo("force_generic_plan");
        assertThat(setting(ingest, "plan_cache_mode")).isEqualTo("force_generic_plan");
        assertThat(setting(reporting, "plan_cache_mode")).isEqualTo("auto");
        assertThat(setting(messagePath, "jit")).isEqualTo("off");
        assertThat(setting(ingest, "jit")).isEqualTo("off");
        assertThat(setting(reporting, "jit")).isEqualTo("off");
    }

    @Test
    void aLongStatementIsPreparedOnceAndKeptOnItsConnection() {
        // 3,000+ characters, as the reply's statement is; the padding is a comment inside the statement
        String sql = "select $1::int + 1 as n /* " + "x".repeat(3_000) + " */";
        for (Pool pool : new Pool[] {messagePath, ingest, reporting}) {
            var connection = pool.getConnection().await().atMost(Duration.ofSeconds(10));
            try {
                for (int i = 0; i < 3; i++) {
                    assertThat(connection.preparedQuery(sql).execute(io.vertx.mutiny.sqlclient.Tuple.of(i)).await()
                            .atMost(Duration.ofSeconds(10)).iterator().next().getInteger("n")).isEqualTo(i + 1);
                }
                long kept = connection.preparedQuery("select count(*) from pg_prepared_statements where statement = $1")
                        .execute(io.vertx.mutiny.sqlclient.Tuple.of(sql)).await().atMost(Duration.ofSeconds(10))
                        .iterator().next().getLong(0);
                assertThat(kept).as("named prepared statements of the long SQL on this connection").isEqualTo(1L);
            } finally {
                connection.closeAndAwait();
            }
        }
    }

    @Test
    void eachPoolHasItsOwnMetrics() {
        for (String name : new String[] {"default", "ingest", "reporting"}) {
            assertThat(registry.find("sql.pool.idle").tag("pool.name", name).gauge()).as("idle gauge of " + name)
                    .isNotNull();
        }
        assertThat(registry.find("sql.pool.idle").tag("pool.name", "__vertx.DEFAULT").gauge()).isNull();
    }

    private static String setting(Pool pool, String name) {
        return pool.query("show " + name).execute().await().atMost(Duration.ofSeconds(10)).iterator().next()
                .getString(0);
    }
}
