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
 * per call for its values; none JIT-compiles.
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

    @Test
    void theMessagePathPlansOnceAndTheReportsPlanPerCall() {
        assertThat(setting(messagePath, "plan_cache_mode")).isEqualTo("force_generic_plan");
        assertThat(setting(ingest, "plan_cache_mode")).isEqualTo("force_generic_plan");
        assertThat(setting(reporting, "plan_cache_mode")).isEqualTo("auto");
        assertThat(setting(messagePath, "jit")).isEqualTo("off");
        assertThat(setting(ingest, "jit")).isEqualTo("off");
        assertThat(setting(reporting, "jit")).isEqualTo("off");
    }

    private static String setting(Pool pool, String name) {
        return pool.query("show " + name).execute().await().atMost(Duration.ofSeconds(10)).iterator().next()
                .getString(0);
    }
}
