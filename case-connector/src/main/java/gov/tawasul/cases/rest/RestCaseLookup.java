package gov.tawasul.cases.rest;

import gov.tawasul.cases.CasesConfig;
import gov.tawasul.engine.model.CaseLookupResult;
import gov.tawasul.engine.port.CaseLookup;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.ws.rs.WebApplicationException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link CaseLookup} over the case-management API ({@code tawasul.cases.connector=rest}, {@link CaseApiClient}).
 * Non-blocking: the reactive REST client runs on the Vert.x event loop and the result is emitted on the caller's
 * Vert.x context (so that the engine can go on with Hibernate Reactive).
 * <ul>
 *   <li>200 with a valid body → {@link CaseLookupResult.Found}; 404 → {@link CaseLookupResult.NotFound}</li>
 *   <li>any other status, a malformed or incomplete body, a connection error, no answer within
 *       {@code tawasul.cases.rest.timeout} (default 2 s), or an open circuit → {@link CaseLookupResult.Unavailable}</li>
 * </ul>
 * Guarded by SmallRye Fault Tolerance ({@link TypedGuard}, programmatic so that the timeout and breaker come from
 * {@code tawasul.cases.rest.*} durations): a timeout inside a circuit breaker. 404 counts as a success; when the
 * failure ratio over the last {@code circuit.request-volume} calls reaches {@code circuit.failure-ratio}, calls fail
 * fast (no request to the API) for {@code circuit.delay}, then trial calls decide. No retry: the citizen gets the
 * apology at once and can ask again.
 * <p>
 * Metrics: timer {@code tawasul.case.api} ({@code tawasul_case_api_seconds_*}, tag {@code outcome} {@code found},
 * {@code not_found}, {@code unavailable}; an open circuit's fast failures included) and gauge
 * {@code tawasul.case.api.circuit} ({@code tawasul_case_api_circuit}: 0 closed, 1 half-open, 2 open).
 */
@ApplicationScoped
@Typed(RestCaseLookup.class)
public class RestCaseLookup implements CaseLookup {

    private static final Logger LOG = Logger.getLogger(RestCaseLookup.class);

    private final CaseApiClient client;
    private final String authorization;
    private final TypedGuard<Uni<CaseLookupResult>> guard;
    private final MeterRegistry metrics;
    private final AtomicInteger circuit = new AtomicInteger();
    private final Gauge circuitGauge;

    /**
     * Builds the REST client and the guard from {@code tawasul.cases.rest.*}.
     *
     * @throws IllegalStateException when {@code tawasul.cases.rest.url} is not set
     */
    public RestCaseLookup(CasesConfig config, MeterRegistry metrics) {
        this.metrics = metrics;
        this.circuitGauge = Gauge.builder("tawasul.case.api.circuit", circuit, AtomicInteger::get)
                .description("case API circuit breaker: 0 closed, 1 half-open, 2 open").register(metrics);
        CasesConfig.Rest rest = config.rest();
        URI url = rest.url().orElseThrow(() -> new IllegalStateException(
                "tawasul.cases.rest.url must be set when tawasul.cases.connector=rest"));
        long timeoutMillis = rest.timeout().toMillis();
        this.client = QuarkusRestClientBuilder.newBuilder()
                .baseUri(url)
                .connectTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .readTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .build(CaseApiClient.class);
        this.authorization = rest.token().filter(t -> !t.isBlank()).map(t -> "Bearer " + t.strip()).orElse(null);
        this.guard = TypedGuard.create(new TypeLiteral<Uni<CaseLookupResult>>() { })
                .withDescription("case-api")
                .withThreadOffload(false)
                .withTimeout().duration(timeoutMillis, ChronoUnit.MILLIS).done()
                .withCircuitBreaker()
                .name("case-api")
                .requestVolumeThreshold(rest.circuit().requestVolume())
                .failureRatio(rest.circuit().failureRatio())
                .delay(rest.circuit().delay().toMillis(), ChronoUnit.MILLIS)
                .onStateChange(state -> {
                    circuit.set(state == CircuitBreakerState.OPEN ? 2 : state == CircuitBreakerState.HALF_OPEN ? 1 : 0);
                    LOG.infof("case API circuit breaker: %s", state);
                })
                .done()
                .build();
        LOG.infof("case connector: REST API at %s, timeout %d ms, %s", url, timeoutMillis,
                authorization == null ? "no token" : "bearer token");
    }

    @PreDestroy
    void close() {
        // the registry outlives this bean (tests restart the app): a gauge left behind would read this dead instance
        metrics.remove(circuitGauge);
        try {
            client.close();
        } catch (Exception e) {
            LOG.debugf(e, "closing the case API client failed");
        }
    }

    @Override
    public Uni<CaseLookupResult> lookup(String caseNumber) {
        Context caller = Vertx.currentContext();
        Timer.Sample sample = Timer.start(metrics);
        Uni<CaseLookupResult> result = guard.get(() -> call(caseNumber))
                .onFailure().recoverWithItem(failure -> unavailable(caseNumber, failure))
                .invoke(r -> sample.stop(Timer.builder("tawasul.case.api").tag("outcome",
                        r instanceof CaseLookupResult.Found ? "found"
                                : r instanceof CaseLookupResult.NotFound ? "not_found" : "unavailable")
                        .publishPercentileHistogram().register(metrics)));
        return caller == null ? result : result.emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }

    /** One request; 404 becomes an item so that the breaker does not count it. */
    private Uni<CaseLookupResult> call(String caseNumber) {
        return client.get(PathSegments.encode(caseNumber), authorization)
                .map(body -> (CaseLookupResult) new CaseLookupResult.Found(CaseApiMapper.toRecord(body, caseNumber)))
                .onFailure(RestCaseLookup::isNotFound).recoverWithItem(() -> new CaseLookupResult.NotFound(caseNumber));
    }

    private static boolean isNotFound(Throwable failure) {
        return failure instanceof WebApplicationException e && e.getResponse() != null
                && e.getResponse().getStatus() == 404;
    }

    private static CaseLookupResult unavailable(String caseNumber, Throwable failure) {
        String reason;
        if (failure instanceof TimeoutException) {
            reason = "timeout";
        } else if (failure instanceof CircuitBreakerOpenException) {
            reason = "circuit open";
        } else if (failure instanceof WebApplicationException e && e.getResponse() != null) {
            reason = "HTTP " + e.getResponse().getStatus();
        } else {
            reason = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        }
        LOG.warnf("case API lookup of %s unavailable: %s", caseNumber, reason);
        return new CaseLookupResult.Unavailable(caseNumber, reason);
    }
}
