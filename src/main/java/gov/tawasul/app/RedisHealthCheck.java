package gov.tawasul.app;

import io.lettuce.core.api.StatefulRedisConnection;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;

/** Readiness of Redis: a {@code PING} answered within one second. PostgreSQL is reported by Quarkus itself. */
@Readiness
@ApplicationScoped
public class RedisHealthCheck implements AsyncHealthCheck {

    private final StatefulRedisConnection<String, String> redis;

    RedisHealthCheck(StatefulRedisConnection<String, String> redis) {
        this.redis = redis;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return Uni.createFrom().completionStage(() -> redis.async().ping())
                .ifNoItem().after(Duration.ofSeconds(1)).fail()
                .map(pong -> HealthCheckResponse.up("Redis"))
                .onFailure().recoverWithItem(e -> HealthCheckResponse.named("Redis").down()
                        .withData("error", String.valueOf(e.getMessage())).build());
    }
}
